package io.rhwatch.aggregator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An error answer: what went wrong, and for an unknown model the models that are known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, List<String> knownModels) {
}
