package io.rhwatch.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node KRaft Kafka cluster inside the test JVM, on random ports,
 * built with Kafka's own KafkaClusterTestKit. Shared by every test in the JVM.
 * {@link #withScram} starts a separate one whose clients must authenticate.
 */
public final class EmbeddedKafka {

    /** The SASL mechanism of {@link #withScram}'s listener, the one Strimzi's KafkaUsers use. */
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String SCRAM_LISTENER = "SCRAM";

    private static KafkaClusterTestKit cluster;

    private EmbeddedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            // Never closed: a controlled broker shutdown can outlast surefire's fork exit timeout on a loaded
            // machine and fail a green run. The JVM's exit ends the broker; its data lives under target/.
            cluster = start();
        }
        return cluster.bootstrapServers();
    }

    /** Creates the topics if they are missing, with the given partition count. */
    public static void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = Arrays.stream(topics)
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(topics), e);
        }
    }

    /**
     * Starts a cluster of its own (never the shared one) with a second client listener, SASL_PLAINTEXT with
     * SCRAM-SHA-512, and the given users on it. The PLAINTEXT listener stays for the broker's own traffic and
     * for setting the cluster up. Never closed, like the shared cluster.
     *
     * @param users user name to password
     */
    public static ScramCluster withScram(Map<String, String> users) {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
        KafkaClusterTestKit kit = start(Map.of(
                "listeners", "EXTERNAL://localhost:0," + SCRAM_LISTENER + "://localhost:0,CONTROLLER://localhost:0",
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT," + SCRAM_LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "listener.name.scram.sasl.enabled.mechanisms", SCRAM_MECHANISM,
                // The broker side of SCRAM needs a login module but no credentials of its own.
                "listener.name.scram.scram-sha-512.sasl.jaas.config", jaas));
        int port = kit.brokers().values().iterator().next().boundPort(new ListenerName(SCRAM_LISTENER));
        ScramCluster scram = new ScramCluster("localhost:" + port, kit.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, scram.plaintextBootstrapServers()))) {
            admin.alterUserScramCredentials(users.entrySet().stream()
                    .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(
                            user.getKey(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), user.getValue()))
                    .toList()).all().get(30, TimeUnit.SECONDS);
            // Committed by the controller; the broker authenticates with them once it has applied that metadata.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.describeUserScramCredentials(List.copyOf(users.keySet())).all().get(30, TimeUnit.SECONDS).size() < users.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the SCRAM users " + users.keySet() + " did not appear within 30 s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the SCRAM users " + users.keySet(), e);
        }
        return scram;
    }

    /**
     * A cluster with a SCRAM-SHA-512 listener.
     *
     * @param bootstrapServers          the SASL_PLAINTEXT listener, for the clients under test
     * @param plaintextBootstrapServers the unauthenticated listener, for setting up and checking from the test
     */
    public record ScramCluster(String bootstrapServers, String plaintextBootstrapServers) {

        /** The {@code sasl.jaas.config} a client of {@code user} sets, as in the Secret Strimzi writes for a KafkaUser. */
        public static String jaasConfig(String user, String password) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
        }

        /** The settings a Kafka client of {@code user} needs on the SCRAM listener, bootstrap servers included. */
        public Map<String, Object> clientConfig(String user, String password) {
            return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                    "sasl.mechanism", SCRAM_MECHANISM,
                    "sasl.jaas.config", jaasConfig(user, password));
        }
    }

    private static Path dataDirectory() {
        try {
            Path target = Path.of("target");
            return Files.createTempDirectory(Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir")),
                    "embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the embedded broker's data directory", e);
        }
    }

    private static KafkaClusterTestKit start() {
        return start(Map.of());
    }

    private static KafkaClusterTestKit start(Map<String, String> extraConfig) {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setBaseDirectory(dataDirectory())
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "2")
                    // Samples carry images of up to 8 MiB (base64 grows them by a third on the REST side only).
                    .setConfigProp("message.max.bytes", "16777216")
                    .setConfigProp("replica.fetch.max.bytes", "16777216");
            extraConfig.forEach(builder::setConfigProp);
            KafkaClusterTestKit kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded KRaft broker", e);
        }
    }
}
