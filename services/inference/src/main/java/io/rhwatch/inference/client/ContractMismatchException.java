package io.rhwatch.inference.client;

/** The model's metadata does not fit its configured contract; its probes go to the dead-letter topic, never retried. */
public class ContractMismatchException extends RuntimeException {

    public ContractMismatchException(String message) {
        super(message);
    }
}
