package io.rhwatch.triton;

/** Triton does not serve the model the probe names; retrying cannot help. */
public class UnknownModelException extends RuntimeException {

    public UnknownModelException(String message) {
        super(message);
    }
}
