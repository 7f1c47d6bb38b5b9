package io.rhwatch.ingestion.service;

/**
 * An image could not be decoded now for want of memory or of a free decode slot: the service's state, not the image's
 * fault, so it is answered 503 with Retry-After, never 400.
 */
public class DecodeUnavailableException extends RuntimeException {

    public DecodeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
