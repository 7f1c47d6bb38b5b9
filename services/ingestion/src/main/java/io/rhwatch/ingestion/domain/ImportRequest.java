package io.rhwatch.ingestion.domain;

/**
 * {@code POST /v1/imports}: a dataset file on the server's disk (a JSON array or JSONL of records whose
 * {@code image} is a path relative to the file), with a task, source and epoch for records that carry none.
 */
public record ImportRequest(String path, String task, String source, Integer epoch) {
}
