package io.rhwatch.core.mesh;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One topic of the mesh as every platform creates it.
 *
 * @param name                name on the broker
 * @param launcherPartitions  partitions under {@code rhwatch up}
 * @param deployedPartitions  partitions in Compose and Kubernetes, where consumers scale out
 * @param compacted           keep only the latest record per key (cleanup.policy=compact) instead of deleting by age
 * @param maxMessageBytes     the largest record batch the topic accepts (max.message.bytes)
 * @param retention           delete records older than this (retention.ms), also from a compacted topic
 *                            (cleanup.policy=compact,delete); empty: the broker's default, and never for a compacted one
 */
public record Topic(String name, int launcherPartitions, int deployedPartitions, boolean compacted, int maxMessageBytes,
                    Optional<Duration> retention) {

    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String RETENTION_MS = "retention.ms";

    public Topic {
        if (launcherPartitions < 1 || deployedPartitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be at least 1");
        }
        if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
            throw new IllegalArgumentException(name + ": retention must be positive, was " + retention.get());
        }
    }

    public int partitions(Platform platform) {
        return platform == Platform.LAUNCHER ? launcherPartitions : deployedPartitions;
    }

    /** The topic-level configuration every platform sets, by Kafka's names. */
    public Map<String, String> config() {
        Map<String, String> config = new TreeMap<>();
        config.put(CLEANUP_POLICY, compacted ? (retention.isPresent() ? "compact,delete" : "compact") : "delete");
        config.put(MAX_MESSAGE_BYTES, String.valueOf(maxMessageBytes));
        retention.ifPresent(age -> config.put(RETENTION_MS, String.valueOf(age.toMillis())));
        return config;
    }
}
