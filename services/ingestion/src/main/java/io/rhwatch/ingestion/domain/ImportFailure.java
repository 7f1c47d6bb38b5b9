package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The 503 answer to {@code POST /v1/imports} when the broker failed mid-import: the records already on rh.samples
 * ({@code acknowledged_ids}) and the one whose write failed ({@code failed_index}, 0-based in the file, and its id).
 * Records after it were not written, or not confirmed; a retry may skip the acknowledged ids.
 */
public record ImportFailure(String error,
                            @JsonProperty("acknowledged_ids") List<String> acknowledgedIds,
                            @JsonProperty("failed_index") int failedIndex,
                            @JsonProperty("failed_id") String failedId) {
}
