package io.rhwatch.cli.mesh;

import java.nio.file.Path;

/** The mesh's Quarkus applications, in start order, with their local default HTTP ports (docs/ARCHITECTURE.md, "Ports"). */
public enum MeshService {

    MODEL_SIM("model-sim", 8085),
    INGESTION("ingestion", 8081),
    CORRUPTION("corruption", 8082),
    INFERENCE("inference", 8083),
    JUDGE("judge", 8084),
    AGGREGATOR("aggregator", 8080);

    /** Triton's default gRPC port, which model-sim plays. */
    public static final int MODEL_SIM_GRPC_PORT = 8001;

    private final String id;
    private final int defaultHttpPort;

    MeshService(String id, int defaultHttpPort) {
        this.id = id;
        this.defaultHttpPort = defaultHttpPort;
    }

    /** The module directory under services/ and the name of its log file. */
    public String id() {
        return id;
    }

    public int defaultHttpPort() {
        return defaultHttpPort;
    }

    /**
     * Whether more instances may run side by side ({@link Mesh#startInstance}): corruption, inference and judge are
     * plain consumers of one group each, sharing their input's partitions. Ingestion (which reads its ledger whole at
     * start) and the aggregator (Kafka Streams state) are not started twice by the launcher.
     */
    public boolean scalesOut() {
        return this == CORRUPTION || this == INFERENCE || this == JUDGE;
    }

    /** The runnable jar the Quarkus build leaves in the module's target directory. */
    public Path jar(Path home) {
        return home.resolve("services").resolve(id).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
