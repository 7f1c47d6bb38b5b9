package io.rhwatch.inference.client;

/** A call refused because the model's circuit breaker is open; retried with backoff like a transient failure. */
public class CircuitOpenException extends RuntimeException {

    public CircuitOpenException(String message) {
        super(message);
    }
}
