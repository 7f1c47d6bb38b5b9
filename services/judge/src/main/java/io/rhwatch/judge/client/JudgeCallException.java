package io.rhwatch.judge.client;

/** A call to the judge model failed for good: rejected, or still failing after the retries. */
public class JudgeCallException extends RuntimeException {

    public JudgeCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
