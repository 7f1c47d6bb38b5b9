package io.rhwatch.cli.mesh;

import io.rhwatch.cli.auth.ApiToken;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.watch.LauncherWatch;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import io.rhwatch.proto.v1.Corruption;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 * @param kafka          a running broker to use, with its security settings; null = start a broker of its own
 * @param defaultPorts   each service on its default port when that is free (docs/ARCHITECTURE.md, "Ports"); false =
 *                       every port any free one, so meshes started side by side on one machine never race for the same
 * @param otlpEndpoint   where the services send their traces (OTLP over HTTP/protobuf); null = tracing off
 * @param authToken      the bearer token the services demand (RHWATCH_AUTH_TOKEN) and the launcher's clients send
 * @param listenAddress  the address every service listens on: {@value #LOOPBACK} (this machine only) or every interface
 * @param topicLayout    whose partition counts the topics get: {@link Platform#LAUNCHER}'s few, or a deployment's, where
 *                       several instances of a consumer share each topic (see {@link Mesh#startInstance})
 */
public record MeshOptions(Path home, Path runDir, Integer aggregatorPort, List<String> models, List<Integer> budgets,
                          List<Corruption> corruptions, List<String> jvmOptions, Duration startTimeout, KafkaConnection kafka,
                          boolean defaultPorts, URI otlpEndpoint, String authToken, String listenAddress,
                          Platform topicLayout) {

    /** Eight JVMs share the machine; small heaps and the serial collector keep them polite. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx512m", "-Djava.awt.headless=true");
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(4);
    /** Where services listen unless told otherwise: nothing off this machine reaches them. */
    public static final String LOOPBACK = "127.0.0.1";
    /**
     * The addresses a service may listen on: the readiness checks and the launcher's clients call localhost, so it must
     * answer there; the wildcards open the services to other machines too.
     */
    public static final List<String> LISTEN_ADDRESSES = List.of(LOOPBACK, "localhost", "0.0.0.0", "::");

    public MeshOptions {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(topicLayout, "topicLayout");
        if (!LISTEN_ADDRESSES.contains(listenAddress)) {
            throw new IllegalArgumentException("the listen address must be one of " + String.join(", ", LISTEN_ADDRESSES)
                    + " (the launcher reaches its services on localhost), got '" + listenAddress + "'");
        }
        models = List.copyOf(models);
        budgets = List.copyOf(budgets);
        corruptions = List.copyOf(corruptions);
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The mesh plan's models and probes, on {@value #LOOPBACK}, with a fresh token; RHWATCH_JAVA_OPTS, when set,
     * replaces the child JVMs' options.
     */
    public static MeshOptions defaults(Path home, Path runDir) {
        String javaOptions = System.getenv("RHWATCH_JAVA_OPTS");
        List<String> jvm = javaOptions == null || javaOptions.isBlank()
                ? DEFAULT_JVM_OPTIONS
                : Arrays.asList(javaOptions.trim().split("\\s+"));
        return new MeshOptions(home, runDir, null, MeshPlan.models(), MeshPlan.budgets(), MeshPlan.corruptions(), jvm,
                DEFAULT_START_TIMEOUT, null, true, null, ApiToken.generate(), LOOPBACK, Platform.LAUNCHER);
    }

    public MeshOptions withAggregatorPort(Integer port) {
        return new MeshOptions(home, runDir, port, models, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    /** Probes {@code names} (models model-sim serves) instead of the mesh plan's models. */
    public MeshOptions withModels(List<String> names) {
        return new MeshOptions(home, runDir, aggregatorPort, names, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    public MeshOptions withProbes(List<Integer> levels, List<Corruption> kinds) {
        return new MeshOptions(home, runDir, aggregatorPort, models, levels, kinds, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    /** Every child JVM gets {@code options} instead (e.g. the defaults plus {@code -D} settings of a service). */
    public MeshOptions withJvmOptions(List<String> options) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, options, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    /** Runs the services against {@code broker} instead of starting one. */
    public MeshOptions withKafka(KafkaConnection broker) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, broker, defaultPorts, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    /** Every service on any free port, its default one never tried (see {@code defaultPorts}). */
    public MeshOptions withAnyFreePorts() {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, kafka, false, otlpEndpoint, authToken, listenAddress, topicLayout);
    }

    /** Turns tracing on: every service exports its spans to {@code endpoint} (OTLP over HTTP/protobuf). */
    public MeshOptions withTracing(URI endpoint) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, endpoint, authToken, listenAddress, topicLayout);
    }

    /** The services demand {@code token} and the launcher's clients send it. */
    public MeshOptions withAuthToken(String token) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, token, listenAddress, topicLayout);
    }

    /** The services listen on {@code address}, one of {@link #LISTEN_ADDRESSES}. */
    public MeshOptions withListenAddress(String address) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, address, topicLayout);
    }

    /** The topics get {@code platform}'s partition counts (e.g. {@link Platform#KUBERNETES}'s 6), so instances can scale out. */
    public MeshOptions withTopicLayout(Platform platform) {
        return new MeshOptions(home, runDir, aggregatorPort, models, budgets, corruptions, jvmOptions, startTimeout, kafka, defaultPorts, otlpEndpoint, authToken, listenAddress, platform);
    }

    /** How many judgments one sample yields per model: the clean probe and each corruption, at every level. */
    public int judgmentsPerSample() {
        return (1 + corruptions.size()) * budgets.size();
    }

    /** The agent that ends a child JVM once the launcher is gone, however it died ({@link LauncherWatch}). */
    public Path launcherWatchAgent() {
        return home.resolve("cli").resolve("target").resolve(LauncherWatch.JAR_NAME);
    }

    /** Every child JVM's options: {@link #jvmOptions()} and the launcher-watch agent, so none outlives the launcher. */
    public List<String> childJvmOptions() {
        List<String> all = new ArrayList<>(jvmOptions);
        all.add("-javaagent:" + launcherWatchAgent());
        return List.copyOf(all);
    }

    /** The CLI jar: its manifest's Class-Path names the Kafka jars in cli/target/lib that the broker runs from. */
    public Path cliJar() {
        return home.resolve("cli").resolve("target").resolve("rhwatch-cli.jar");
    }
}
