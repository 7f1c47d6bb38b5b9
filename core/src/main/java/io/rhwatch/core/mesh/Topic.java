package io.rhwatch.core.mesh;

import java.util.Map;
import java.util.TreeMap;

/**
 * One topic of the mesh as every platform creates it.
 *
 * @param name                name on the broker
 * @param launcherPartitions  partitions under {@code rhwatch up}
 * @param deployedPartitions  partitions in Compose and Kubernetes, where consumers scale out
 * @param compacted           keep only the latest record per key (cleanup.policy=compact) instead of deleting by age
 * @param maxMessageBytes     the largest record batch the topic accepts (max.message.bytes)
 */
public record Topic(String name, int launcherPartitions, int deployedPartitions, boolean compacted, int maxMessageBytes) {

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";

    public Topic {
        if (launcherPartitions < 1 || deployedPartitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
    }

    public int partitions(Platform platform) {
        return platform == Platform.LAUNCHER ? launcherPartitions : deployedPartitions;
    }

    /** The topic-level configuration every platform sets, by Kafka's names. */
    public Map<String, String> config() {
        Map<String, String> config = new TreeMap<>();
        config.put(CLEANUP_POLICY, compacted ? "compact" : "delete");
        config.put(MAX_MESSAGE_BYTES, String.valueOf(maxMessageBytes));
        return config;
    }
}
