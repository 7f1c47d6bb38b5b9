package io.rhwatch.cli.mesh;

import io.rhwatch.proto.v1.Corruption;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How to run the mesh.
 *
 * @param home           the repository root (holds services/ and cli/target/)
 * @param runDir         where this run's logs, broker data and Kafka Streams state go
 * @param aggregatorPort the aggregator's HTTP port: null = 8080 or any free port when it is taken, 0 = any free port
 * @param models         the models every sample is probed on (profiles model-sim serves)
 * @param budgets        thinking-token budget levels
 * @param corruptions    corruptions probed besides the clean probe
 * @param jvmOptions     options for every child JVM
 * @param startTimeout   how long the broker, and then all services together, may take to become ready
 */
public record MeshOptions(Path home, Path runDir, Integer aggregatorPort, List<String> models, List<Integer> budgets,
                          List<Corruption> corruptions, List<String> jvmOptions, Duration startTimeout) {

    public static final List<String> DEFAULT_MODELS = List.of("rh-sim-steady", "rh-sim-drifty");
    public static final List<Integer> DEFAULT_BUDGETS = List.of(0, 50, 100, 150, 200, 300, 400, 600);
    public static final List<Corruption> DEFAULT_CORRUPTIONS = List.of(
            Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL);
    /** Eight JVMs share the machine; small heaps and the serial collector keep them polite. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx512m", "-Djava.awt.headless=true");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(4);

    public MeshOptions {
        models = List.copyOf(models);
        budgets = List.copyOf(budgets);
        corruptions = List.copyOf(corruptions);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The defaults; the environment variable RHWATCH_JAVA_OPTS, when set, replaces the child JVMs' options. */
    public static MeshOptions defaults(Path home, Path runDir) {
        String javaOptions = System.getenv("RHWATCH_JAVA_OPTS");
        List<String> jvm = javaOptions == null || javaOptions.isBlank()
                ? DEFAULT_JVM_OPTIONS
                : Arrays.asList(javaOptions.trim().split("\\s+"));
        return new MeshOptions(home, runDir, null, DEFAULT_MODELS, DEFAULT_BUDGETS, DEFAULT_CORRUPTIONS, jvm, DEFAULT_START_TIMEOUT);
    }

    public MeshOptions withAggregatorPort(Integer port) {
        return new MeshOptions(home, runDir, port, models, budgets, corruptions, jvmOptions, startTimeout);
    }

    public MeshOptions withProbes(List<Integer> levels, List<Corruption> kinds) {
        return new MeshOptions(home, runDir, aggregatorPort, models, levels, kinds, jvmOptions, startTimeout);
    }

    /** How many judgments one sample yields per model: the clean probe and each corruption, at every level. */
    public int judgmentsPerSample() {
        return (1 + corruptions.size()) * budgets.size();
    }

    /** The CLI jar: its manifest's Class-Path names the Kafka jars in cli/target/lib that the broker runs from. */
    public Path cliJar() {
        return home.resolve("cli").resolve("target").resolve("rhwatch-cli.jar");
    }
}
