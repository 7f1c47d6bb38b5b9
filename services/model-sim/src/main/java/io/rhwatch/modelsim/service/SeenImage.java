package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.vision.PerceivedScene;

/**
 * An image as the simulator took it in.
 *
 * @param digest SHA-256 of the encoded bytes: the image's identity in the simulator's draws
 */
public record SeenImage(byte[] digest, PerceivedScene scene) {
}
