package io.rhwatch.ingestion.domain;

import java.util.List;

/** The answer to {@code POST /v1/samples}: the ids the broker acknowledged. */
public record AcceptedSamples(List<String> accepted) {
}
