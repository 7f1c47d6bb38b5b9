package io.rhwatch.modelsim.vision;

/**
 * One shape as read from the pixels.
 *
 * @param centreX centre of its bounding box as a fraction of the image width, in [0, 1)
 * @param centreY centre of its bounding box as a fraction of the image height, in [0, 1)
 */
public record PerceivedShape(Colour colour, Shape shape, double centreX, double centreY) {
}
