package io.rhwatch.ingestion.domain;

import java.util.List;

/**
 * The answer to {@code POST /v1/imports}: what was written to rh.samples, what had been accepted in the same epoch
 * before and was not written again ({@code duplicates}, ids in file order), and what was refused, by record index.
 */
public record ImportResult(int accepted, List<String> ids, List<String> duplicates, List<Rejection> rejected) {

    /** A refused record: its 0-based position in the file, its id if it had one, and why. */
    public record Rejection(int index, String id, String field, String error) {
    }
}
