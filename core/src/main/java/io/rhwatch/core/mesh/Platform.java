package io.rhwatch.core.mesh;

/** Where the mesh runs; a topic's partitions may differ between them. */
public enum Platform {

    /** {@code rhwatch up}: the broker and every service as local processes on one machine. */
    LAUNCHER,
    /** docker-compose.yml. */
    COMPOSE,
    /** k8s/ (Strimzi KafkaTopic resources). */
    KUBERNETES
}
