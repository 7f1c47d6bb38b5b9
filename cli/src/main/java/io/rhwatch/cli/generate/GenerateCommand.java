package io.rhwatch.cli.generate;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code rhwatch generate}: writes the bundled synthetic benchmark in the layout the ingestion service imports. */
public final class GenerateCommand {

    private final GenerateOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public GenerateCommand(GenerateOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public int run() {
        Path samples;
        try {
            samples = BenchmarkWriter.write(options.out(), BenchmarkGenerator.generate(options.samples(), options.seed()));
        } catch (IOException e) {
            err.println("rhwatch: could not write the benchmark to " + options.out() + ": " + e.getMessage());
            return 1;
        }
        Path absolute = samples.toAbsolutePath().normalize();
        out.println("wrote " + options.samples() + " samples (seed " + options.seed() + ") to " + absolute
                + " and their images to " + absolute.resolveSibling(BenchmarkWriter.IMAGES_DIR));
        out.println("import them into a running mesh with:");
        out.println("  curl -X POST http://localhost:8081/v1/imports -H \"Authorization: Bearer $(cat .rhwatch/token)\" "
                + "-H 'Content-Type: application/json' -d '{\"path\": \"" + absolute + "\"}'");
        out.println("(run it in the repository: ./rhwatch up keeps the API token in .rhwatch/token)");
        return 0;
    }
}
