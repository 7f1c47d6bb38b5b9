package io.rhwatch.ingestion.service;

import io.rhwatch.support.rejection.RecordRejectedException;

/** Bad input, to a REST request or on rh.traffic; the message names the field and, where there is one, the limit. */
public class InvalidFieldException extends RecordRejectedException {

    public InvalidFieldException(String field, String message) {
        super(field, message);
    }

    public InvalidFieldException(String field, String message, Throwable cause) {
        super(field, message, cause);
    }

    /** The same error about the same field inside {@code parent}, e.g. {@code records[3]}: {@code records[3].question}. */
    public InvalidFieldException within(String parent) {
        return new InvalidFieldException(field().isEmpty() ? parent : parent + "." + field(), detail(), this);
    }
}
