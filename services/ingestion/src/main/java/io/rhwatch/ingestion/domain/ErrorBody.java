package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Error answers: what went wrong and, for bad input, which field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String field) {
}
