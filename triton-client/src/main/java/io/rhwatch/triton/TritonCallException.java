package io.rhwatch.triton;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** A call to Triton failed for good: rejected, or still failing after the retries. */
public class TritonCallException extends RuntimeException {

    public TritonCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The model's circuit breaker refused the call: the model is failing, not this request. */
    public boolean circuitOpen() {
        return getCause() instanceof CircuitBreakerOpenException;
    }
}
