package io.rhwatch.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A KRaft cluster of three brokers and one controller in this JVM, replicated as production is (k8s/overlays/gpu):
 * every topic three times, internal ones included, and a write needs two in-sync replicas.
 */
final class ReplicatedCluster implements AutoCloseable {

    static final int BROKERS = 3;

    private final KafkaClusterTestKit kit;

    private ReplicatedCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    static ReplicatedCluster start(Path dataDirectory) throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false)
                .setNumBrokerNodes(BROKERS)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setBaseDirectory(Files.createDirectories(dataDirectory))
                .build())
                .setConfigProp("default.replication.factor", "3")
                .setConfigProp("min.insync.replicas", "2")
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("transaction.state.log.replication.factor", "3")
                .setConfigProp("transaction.state.log.min.isr", "2")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                // Samples and probes carry images of up to 8 MiB.
                .setConfigProp("message.max.bytes", "16777216")
                .setConfigProp("replica.fetch.max.bytes", "16777216")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new ReplicatedCluster(kit);
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** The broker that leads the most partitions of {@code topics}. */
    int busiestLeader(Admin admin, Collection<String> topics) throws Exception {
        Map<Integer, Integer> led = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() != null) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Stops one broker (a controlled shutdown: its partitions' leadership moves to the others, their ISRs shrink to two). */
    void stopBroker(int id) {
        kit.brokers().get(id).shutdown();
        kit.brokers().get(id).awaitShutdown();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
