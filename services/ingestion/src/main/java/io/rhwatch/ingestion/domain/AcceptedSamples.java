package io.rhwatch.ingestion.domain;

import java.util.List;

/**
 * The answer to {@code POST /v1/samples}: the ids the broker acknowledged, the epoch they were accepted in, and
 * whether this sample and epoch had been accepted before ({@code true}: not written again, 200), were new
 * ({@code false}: written, 202), or could not be checked because the ledger of accepted samples was not loaded
 * ({@code null}: written, 202; a duplicate is still counted once).
 */
public record AcceptedSamples(List<String> accepted, int epoch, Boolean duplicate) {
}
