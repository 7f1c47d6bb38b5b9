package io.rhwatch.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Command line: {@code GenerateBenchmark --out DIR [--samples N] [--seed S]}. */
public final class GenerateBenchmark {

    static final String USAGE = "usage: GenerateBenchmark --out DIR [--samples N (default 200)] [--seed S (default 7)]";

    private GenerateBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            Options options = Options.parse(args);
            List<BenchmarkSample> samples = BenchmarkGenerator.generate(options.samples(), options.seed());
            Path jsonl = BenchmarkWriter.write(options.out(), samples);
            System.out.println("Wrote " + samples.size() + " samples to " + jsonl);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("could not write the benchmark: " + e);
            System.exit(1);
        }
    }

    record Options(Path out, int samples, long seed) {

        static Options parse(String[] args) {
            Path out = null;
            int samples = 200;
            long seed = 7;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--out" -> out = Path.of(value);
                    case "--samples" -> samples = parseNumber(flag, value, Integer::parseInt);
                    case "--seed" -> seed = parseNumber(flag, value, Long::parseLong);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            if (samples < 1 || samples > BenchmarkGenerator.MAX_SAMPLES) {
                throw new IllegalArgumentException("--samples must be between 1 and " + BenchmarkGenerator.MAX_SAMPLES + ", got " + samples);
            }
            return new Options(out, samples, seed);
        }

        private static <T> T parseNumber(String flag, String value, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
