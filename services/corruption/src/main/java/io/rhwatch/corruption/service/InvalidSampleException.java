package io.rhwatch.corruption.service;

/** A record on rh.samples that cannot become probes; the message, naming the field, becomes the dead-letter reason. */
public class InvalidSampleException extends RuntimeException {

    public InvalidSampleException(String message) {
        super(message);
    }

    public InvalidSampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
