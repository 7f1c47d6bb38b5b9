package io.rhwatch.cli.mesh;

import io.rhwatch.cli.auth.ApiToken;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.process.Launch;
import io.rhwatch.core.Labels;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import org.apache.kafka.clients.admin.NewTopic;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code rhwatch up} runs and with which configuration: the mesh plan's topics, and each service's
 * command line and environment on the ports chosen for this run. Starting them is {@link io.rhwatch.cli.process}'s job.
 */
final class LaunchPlan {

    private final MeshOptions options;
    private final int simGrpcPort;
    private final Map<MeshService, Integer> httpPorts;

    private LaunchPlan(MeshOptions options, int simGrpcPort, Map<MeshService, Integer> httpPorts) {
        this.options = options;
        this.simGrpcPort = simGrpcPort;
        this.httpPorts = httpPorts;
    }

    /** Chooses every port first, so a port the user asked for that is taken fails before anything starts. */
    static LaunchPlan choosePorts(MeshOptions options, Ports ports) {
        int simGrpcPort = options.defaultPorts() ? ports.preferred(MeshService.MODEL_SIM_GRPC_PORT) : ports.any();
        Map<MeshService, Integer> httpPorts = new EnumMap<>(MeshService.class);
        for (MeshService service : MeshService.values()) {
            int port = service == MeshService.AGGREGATOR && options.aggregatorPort() != null
                    ? ports.required(options.aggregatorPort(), "the aggregator")
                    : options.defaultPorts() ? ports.preferred(service.defaultHttpPort()) : ports.any();
            httpPorts.put(service, port);
        }
        return new LaunchPlan(options, simGrpcPort, httpPorts);
    }

    /**
     * The mesh plan's topics with {@code layout}'s partitions (the launcher's, unless a run scales out), replicated as
     * the cluster's default.replication.factor and min.insync.replicas say: once on the launcher's own broker, as a
     * replicated cluster given with {@link MeshOptions#kafka()} is set up.
     */
    static List<NewTopic> topics(Platform layout) {
        return MeshPlan.topics().stream()
                .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions(layout)), Optional.empty())
                        .configs(topic.config()))
                .toList();
    }

    /** model-sim's KServe v2 gRPC port (Triton's), which inference and judge call. */
    int simGrpcPort() {
        return simGrpcPort;
    }

    int httpPort(MeshService service) {
        return httpPorts.get(service);
    }

    /** Every service of the mesh, in {@link MeshService} order, as one JVM each with its own log. */
    List<Launch> services(KafkaConnection kafka) {
        List<Launch> launches = new ArrayList<>();
        for (MeshService service : MeshService.values()) {
            launches.add(instance(service, service.id(), httpPort(service), kafka));
        }
        return launches;
    }

    /**
     * One instance of {@code service}, named {@code name} (its log too), on {@code httpPort}: every instance gets the
     * same command and configuration, so they join one consumer group and share its topics' partitions.
     */
    Launch instance(MeshService service, String name, int httpPort, KafkaConnection kafka) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.childJvmOptions());
        command.add("-jar");
        command.add(service.jar(options.home()).toString());
        return new Launch(name, command, environment(service, kafka, httpPort), options.runDir(),
                Mesh.logsDir(options.runDir()).resolve(name + ".log"), httpPort);
    }

    Map<String, String> environment(MeshService service, KafkaConnection kafka) {
        return environment(service, kafka, httpPort(service));
    }

    private Map<String, String> environment(MeshService service, KafkaConnection kafka, int httpPort) {
        Map<String, String> env = new LinkedHashMap<>(kafka.serviceEnvironment());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        env.put("QUARKUS_HTTP_HOST", options.listenAddress());
        switch (service) {
            case MODEL_SIM -> {
                env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(simGrpcPort));
                env.put("QUARKUS_GRPC_SERVER_HOST", options.listenAddress());
            }
            // The writes need the token; the aggregator's reads too when RHWATCH_AUTH_READ_ACCESS=token.
            case INGESTION -> {
                env.put(ApiToken.ENVIRONMENT, options.authToken());
                env.put("RHWATCH_INGESTION_IMPORT_ROOT", Mesh.importRoot(options.runDir()).toString());
            }
            case CORRUPTION -> {
                env.put("RHWATCH_CORRUPTION_MODELS", String.join(",", options.models()));
                env.put("RHWATCH_CORRUPTION_BUDGETS", options.budgets().stream().map(String::valueOf).collect(Collectors.joining(",")));
                env.put("RHWATCH_CORRUPTION_CORRUPTIONS", options.corruptions().stream().map(Labels::of).collect(Collectors.joining(",")));
            }
            case INFERENCE -> {
                env.put("QUARKUS_GRPC_CLIENTS_TRITON_HOST", "localhost");
                env.put("QUARKUS_GRPC_CLIENTS_TRITON_PORT", String.valueOf(simGrpcPort));
                // Readiness waits for exactly the models the corruption service will ask for.
                env.put("RHWATCH_INFERENCE_SERVED_MODELS", String.join(",", options.models()));
            }
            case AGGREGATOR -> {
                env.put(ApiToken.ENVIRONMENT, options.authToken());
                env.put("KAFKA_STREAMS_STATE_DIR", options.runDir().resolve("kstreams").toString());
                env.putAll(kafka.kafkaStreamsEnvironment());
            }
            default -> {
                // the judge needs only the broker and its port
            }
        }
        if (options.otlpEndpoint() != null) {
            env.putAll(tracingEnvironment(service, options.otlpEndpoint()));
        }
        return env;
    }

    /** Turns each service's OpenTelemetry SDK on, exporting its spans, named after the service, to {@code endpoint}. */
    static Map<String, String> tracingEnvironment(MeshService service, URI endpoint) {
        return Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_SERVICE_NAME", "rhwatch-" + service.id(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint.toString(),
                // export within a second, not the default five, so a trace is whole soon after the judgment
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
    }
}
