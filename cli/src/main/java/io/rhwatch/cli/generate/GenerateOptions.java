package io.rhwatch.cli.generate;

import java.nio.file.Path;

/** Options of {@code rhwatch generate}: where to write the benchmark, how many samples, which seed. */
public record GenerateOptions(Path out, int samples, long seed) {
}
