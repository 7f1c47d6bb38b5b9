package io.rhwatch.modelsim.vision;

/** The image bytes could not be decoded; the message says why. */
public class UnreadableImageException extends IllegalArgumentException {

    public UnreadableImageException(String message) {
        super(message);
    }
}
