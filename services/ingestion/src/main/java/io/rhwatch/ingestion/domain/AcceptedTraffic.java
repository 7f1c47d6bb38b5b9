package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The answer to {@code POST /v1/traffic}: the request ids on rh.traffic, and for one record ({@link Single}) or each of a
 * batch ({@link Batch}) whether it had been accepted before ({@code true}: not written again), was new ({@code false}:
 * written) or could not be checked because the ledger of accepted records was not loaded ({@code null}: written).
 */
public sealed interface AcceptedTraffic {

    /** True when nothing was written: every record had been accepted before. */
    boolean onlyDuplicates();

    /** One record: as {@code POST /v1/samples} answers, {@code {"accepted": [id], "duplicate"}}. */
    record Single(List<String> accepted, Boolean duplicate) implements AcceptedTraffic {

        public Single(Outcome outcome) {
            this(List.of(outcome.requestId()), outcome.duplicate());
        }

        @Override
        public boolean onlyDuplicates() {
            return Boolean.TRUE.equals(duplicate);
        }
    }

    /** A batch: every request id in the order sent, and each record's outcome. */
    record Batch(List<String> accepted, List<Outcome> records) implements AcceptedTraffic {

        public Batch(List<Outcome> records) {
            this(records.stream().map(Outcome::requestId).toList(), records);
        }

        @Override
        public boolean onlyDuplicates() {
            return records.stream().allMatch(record -> Boolean.TRUE.equals(record.duplicate()));
        }
    }

    /** One record's fate. */
    record Outcome(@JsonProperty("request_id") String requestId, Boolean duplicate) {
    }
}
