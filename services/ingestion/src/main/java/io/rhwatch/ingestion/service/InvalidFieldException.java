package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** Bad input; the message names the field and, where there is one, the limit. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public InvalidFieldException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** A JSON value of the wrong type, named by its path in the document, e.g. {@code choices[2]}. */
    public static InvalidFieldException wrongType(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return new InvalidFieldException(field.isEmpty() ? "body" : field.substring(field.startsWith(".") ? 1 : 0),
                "wrong type: " + e.getOriginalMessage(), e);
    }
}
