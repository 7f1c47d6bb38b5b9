package io.rhwatch.cli.process;

/** A process could not start, exited, or did not become ready; the message says which and where its log is. */
public class ProcessException extends RuntimeException {

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
