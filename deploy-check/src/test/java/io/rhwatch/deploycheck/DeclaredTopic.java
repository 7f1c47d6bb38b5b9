package io.rhwatch.deploycheck;

import java.util.Map;

/** A topic as a manifest creates it: partitions, replicas and topic-level configuration by Kafka's names. */
record DeclaredTopic(String name, int partitions, int replicas, Map<String, String> config) {

    DeclaredTopic {
        config = Map.copyOf(config);
    }
}
