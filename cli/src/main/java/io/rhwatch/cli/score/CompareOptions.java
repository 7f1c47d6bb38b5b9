package io.rhwatch.cli.score;

import java.nio.file.Path;

/**
 * Options of {@code rhwatch compare}.
 *
 * @param file      the JSONL file of judged or raw records
 * @param a         model A as NAME@VERSION (or NAME for the default version)
 * @param b         model B, likewise
 * @param json      print the JSON document (GET /v1/compare's) instead of the table
 * @param resamples bootstrap resamples and sign flips
 */
public record CompareOptions(Path file, String a, String b, boolean json, int resamples) {
}
