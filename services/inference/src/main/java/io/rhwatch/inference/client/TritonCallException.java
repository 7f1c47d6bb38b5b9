package io.rhwatch.inference.client;

/** A call to Triton failed for good: rejected, or still failing after the retries. */
public class TritonCallException extends RuntimeException {

    public TritonCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
