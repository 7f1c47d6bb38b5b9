package io.rhwatch.loadtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code load-tests/run inference}, {@code inference-faults}, {@code chaos}, {@code mesh}, {@code label-free},
 * {@code regression [--quiet]} and {@code scale-out}: see load-tests/README.md. Each ends
 * with one line {@code RESULT name=value ...}. Settings come from the environment (SLOTS, SERVICE_TIME_MS, ...).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        // the embedded broker's threads, and a failed scenario's, are not daemons: without this the JVM stays, and with
        // it the mesh lock a benchmark holds
        System.exit(exit);
    }

    private static int run(String[] args) throws Exception {
        String scenario = args.length == 0 ? "" : args[0];
        return switch (scenario) {
            case "inference" -> ThroughputScenario.run();
            case "inference-faults" -> FaultScenario.run();
            case "chaos" -> ChaosScenario.run();
            case "mesh" -> MeshScenario.run();
            case "label-free" -> LabelFreeScenario.run();
            case "regression" -> RegressionScenario.run(args.length > 1 && args[1].equals("--quiet"));
            case "scale-out" -> ScaleOutScenario.run();
            default -> {
                System.err.println("usage: load-tests/run inference|inference-faults|chaos|mesh|label-free|regression [--quiet]|scale-out (got '" + scenario + "')");
                yield 2;
            }
        };
    }

    static int env(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
        }
    }

    /**
     * Prints the RESULT line and keeps it in load-tests/target/{scenario}.result, which load-tests/run prints again
     * once this JVM (and the embedded broker's shutdown chatter) is gone, so it is the last line.
     */
    static void result(String scenario, String line) throws IOException {
        System.out.println(line);
        Path file = Path.of("load-tests", "target", scenario + ".result");
        Files.createDirectories(file.getParent());
        Files.writeString(file, line + System.lineSeparator());
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
