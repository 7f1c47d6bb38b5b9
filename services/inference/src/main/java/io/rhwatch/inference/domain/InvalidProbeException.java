package io.rhwatch.inference.domain;

/** A probe that cannot be run as it is; its message names the field and the limit. Never retried. */
public class InvalidProbeException extends RuntimeException {

    public InvalidProbeException(String message) {
        super(message);
    }
}
