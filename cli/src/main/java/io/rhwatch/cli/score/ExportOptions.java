package io.rhwatch.cli.score;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@code rhwatch export-judgments}.
 *
 * @param bootstrapServers the Kafka broker of a running mesh
 * @param out              the JSONL file to write
 * @param timeout          how long reading rh.judgments to its end may take
 */
public record ExportOptions(String bootstrapServers, Path out, Duration timeout) {
}
