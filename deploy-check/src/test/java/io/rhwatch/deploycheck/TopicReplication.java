package io.rhwatch.deploycheck;

import io.rhwatch.core.mesh.MeshPlan;

import java.util.Map;

/**
 * How a platform replicates the plan's topics: replicas per partition, the topic-level settings that go with them
 * (a replicated topic states its write quorum, min.insync.replicas), and where these come from, for messages.
 */
record TopicReplication(int replicas, Map<String, String> config, String source) {

    /** One broker: the mesh plan's replication, no quorum to state. */
    static final TopicReplication PLAN = new TopicReplication(MeshPlan.REPLICAS, Map.of(), "the mesh plan");

    TopicReplication {
        config = Map.copyOf(config);
    }
}
