package io.rhwatch.ingestion.service;

/** Bad input; the message names the field and, where there is one, the limit. */
public class InvalidFieldException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidFieldException(String field, String message) {
        this(field, message, null);
    }

    public InvalidFieldException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
        this.reason = message;
    }

    public String field() {
        return field;
    }

    /** The same error about the same field inside {@code parent}, e.g. {@code records[3]}: {@code records[3].question}. */
    public InvalidFieldException within(String parent) {
        return new InvalidFieldException(field.isEmpty() ? parent : parent + "." + field, reason, this);
    }
}
