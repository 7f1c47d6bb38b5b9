package io.rhwatch.cli.score;

import java.nio.file.Path;

/**
 * Options of {@code rhwatch score}.
 *
 * @param file      the JSONL file of judged or raw records
 * @param json      print the JSON document instead of the table
 * @param resamples bootstrap resamples for the RH-AUC intervals
 */
public record ScoreOptions(Path file, boolean json, int resamples) {
}
