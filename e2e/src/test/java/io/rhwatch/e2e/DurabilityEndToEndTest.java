package io.rhwatch.e2e;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.IngestionClient;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Durable delivery and explicit re-evaluation, on the whole mesh (separate processes) over three brokers with every
 * topic replicated three times and a write quorum of two, as in production. A broker is stopped while samples stream
 * through every hop: the mesh loses nothing and counts nothing twice, and every record it wrote, dead letters and
 * Kafka Streams' included, was written by an idempotent producer (so with acks=all). Then the same samples are
 * imported again: in the same epoch they are duplicates, written and counted nowhere; in a new epoch they are
 * evaluated and counted again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityEndToEndTest {

    static final int SAMPLES_PER_HALF = 10;
    static final Duration TIMEOUT = Duration.ofMinutes(4);
    /** Not a protobuf message (field number 0): every consumer dead-letters it. */
    static final byte[] MALFORMED = {0, 1, 2, 3};
    static final String MALFORMED_KEY = "malformed-";
    /** Where a malformed record on each consumed topic must end up. */
    static final Map<String, String> DEAD_LETTER_TOPICS = Map.of(
            MeshPlan.SAMPLES, MeshPlan.CORRUPTION_DEAD_LETTERS,
            MeshPlan.PROBES, MeshPlan.INFERENCE_DEAD_LETTERS,
            MeshPlan.RESPONSES, MeshPlan.JUDGE_DEAD_LETTERS,
            MeshPlan.JUDGMENTS, MeshPlan.AGGREGATOR_DEAD_LETTERS);

    static final long SEED = 17;
    /** The ids BenchmarkGenerator gives the samples of this seed. */
    static final String SAMPLE_PREFIX = "rhb-" + SEED + "-";

    static ReplicatedCluster cluster;
    static Admin admin;
    static Mesh mesh;
    static MeshOptions options;
    static Path runDir;
    static Path firstHalf;
    static List<String> sampleIds = new ArrayList<>();

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> mesh == null ? null : mesh.logsDir());

    @BeforeAll
    static void startTheMeshOnThreeBrokers() throws Exception {
        runDir = E2e.newRunDir("durability");
        E2e.progress("starting three brokers and a controller (KRaft), replication 3, min.insync.replicas 2");
        cluster = ReplicatedCluster.start(runDir.resolve("cluster"));
        admin = cluster.admin();
        options = MeshOptions.defaults(E2e.home(), runDir).withAggregatorPort(0)
                .withProbes(List.of(0, 200), List.of(Corruption.CORRUPTION_BLANK_IMAGE))
                .withKafka(KafkaConnection.plaintext(cluster.bootstrapServers()));
        mesh = new Mesh(options, E2e::progress);
        mesh.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerStoppedMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        for (TopicDescription topic : admin.describeTopics(MeshPlan.topics().stream().map(io.rhwatch.core.mesh.Topic::name).toList())
                .allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            assertThat(topic.partitions()).as("%s partitions", topic.name())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(ReplicatedCluster.BROKERS));
        }
        for (String topic : DEAD_LETTER_TOPICS.keySet()) {
            send(topic, MALFORMED_KEY + topic, MALFORMED);
        }

        List<BenchmarkSample> samples = BenchmarkGenerator.generate(2 * SAMPLES_PER_HALF, SEED);
        firstHalf = BenchmarkWriter.write(mesh.importRoot().resolve("first"), samples.subList(0, SAMPLES_PER_HALF));
        Path secondHalf = BenchmarkWriter.write(mesh.importRoot().resolve("second"), samples.subList(SAMPLES_PER_HALF, 2 * SAMPLES_PER_HALF));
        IngestionClient ingestion = new IngestionClient(mesh.ingestionUrl(), mesh.options().authToken());

        sampleIds.addAll(ingestion.importFile(firstHalf).ids());
        long perSample = (long) options.judgmentsPerSample() * options.models().size();
        awaitJudgmentIds(SAMPLES_PER_HALF * perSample / 4);

        int broker = cluster.busiestLeader(admin, MeshPlan.topics().stream().map(io.rhwatch.core.mesh.Topic::name).toList());
        E2e.progress("stopping broker " + broker + ", the leader of most partitions, mid-stream");
        cluster.stopBroker(broker);

        IngestionClient.ImportResult second = ingestion.importFile(secondHalf);
        assertThat(second.accepted()).as("samples accepted with a broker down").isEqualTo(SAMPLES_PER_HALF);
        sampleIds.addAll(second.ids());

        Set<String> expected = expectedJudgmentIds(sampleIds, 0);
        Set<String> judged = awaitJudgmentIds(expected.size());
        assertThat(judged).as("judgment ids on %s", MeshPlan.JUDGMENTS).isEqualTo(expected);
        awaitCounted(sampleIds.size() * (long) options.judgmentsPerSample());

        // Each malformed record, and nothing else, was dead-lettered: by the services' dead-letter producers and the topology.
        DEAD_LETTER_TOPICS.forEach((topic, deadLetters) -> assertThat(records(deadLetters))
                .as("dead letters on %s", deadLetters).extracting(ConsumerRecord::key).containsExactly(MALFORMED_KEY + topic));
        assertThat(partitionsWrittenByNonIdempotentProducers())
                .as("partitions holding records but no idempotent producer's (acks=all, enable.idempotence)").isEmpty();
    }

    @Test
    @Order(2)
    void theSameSamplesAreDuplicatesInTheirEpochAndCountAgainInANewOne() throws Exception {
        assertThat(firstHalf).as("the first test imported the first half").isNotNull();
        IngestionClient ingestion = new IngestionClient(mesh.ingestionUrl(), mesh.options().authToken());
        List<String> firstIds = sampleIds.subList(0, SAMPLES_PER_HALF);
        long counted = sampleIds.size() * (long) options.judgmentsPerSample();

        IngestionClient.ImportResult again = ingestion.importFile(firstHalf);
        assertThat(again.accepted()).as("samples written again in epoch 0").isZero();
        assertThat(again.duplicates()).isEqualTo(firstIds);

        IngestionClient.ImportResult reEvaluated = ingestion.importFile(firstHalf, 1);
        assertThat(reEvaluated.accepted()).as("samples written in epoch 1").isEqualTo(SAMPLES_PER_HALF);
        assertThat(reEvaluated.duplicates()).isEmpty();

        Set<String> expected = expectedJudgmentIds(sampleIds, 0);
        expected.addAll(expectedJudgmentIds(firstIds, 1));
        assertThat(awaitJudgmentIds(expected.size())).isEqualTo(expected);
        awaitCounted(counted + SAMPLES_PER_HALF * (long) options.judgmentsPerSample());
        assertThat(readJudgments().stream().map(Judgment::getSample).filter(sample -> sample.getEpoch() == 1).map(SampleRef::getSampleId).collect(Collectors.toSet()))
                .as("samples judged in epoch 1").isEqualTo(Set.copyOf(firstIds));
    }

    private static Set<String> expectedJudgmentIds(List<String> samples, int epoch) {
        Set<String> ids = new HashSet<>();
        for (String sample : samples) {
            for (String model : options.models()) {
                List<Corruption> kinds = new ArrayList<>(List.of(Corruption.CORRUPTION_NONE));
                kinds.addAll(options.corruptions());
                for (Corruption kind : kinds) {
                    for (int budget : options.budgets()) {
                        ids.add(RecordIds.response(RecordIds.probe(sample, epoch, model, kind), budget));
                    }
                }
            }
        }
        return ids;
    }

    /** Waits until {@code count} distinct judgment ids are on rh.judgments; returns them all (duplicate records collapse). */
    private static Set<String> awaitJudgmentIds(long count) throws InterruptedException {
        E2e.progress("waiting for " + count + " distinct judgments on " + MeshPlan.JUDGMENTS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Set<String> ids = readJudgments().stream().map(Judgment::getJudgmentId).collect(Collectors.toSet());
            if (ids.size() >= count) {
                return ids;
            }
            mesh.checkRunning();
            if (System.nanoTime() > deadline) {
                fail("only " + ids.size() + " of " + count + " judgments arrived within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(1000);
        }
    }

    /** Waits until the aggregator counted {@code perModel} judgments of every model, then checks it counts no more. */
    private static void awaitCounted(long perModel) throws Exception {
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Long> counted = new TreeMap<>();
        while (true) {
            for (String model : options.models()) {
                counted.put(model, aggregator.curve(model).map(AggregatorClient.ModelCurve::judged).orElse(0L));
            }
            if (counted.values().stream().allMatch(judged -> judged >= perModel)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("the aggregator counted " + counted + ", not " + perModel + " per model, within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(1000);
        }
        // Redeliveries still on their way would show now.
        Thread.sleep(3000);
        for (String model : options.models()) {
            assertThat(aggregator.curve(model).orElseThrow().judged()).as("judgments of %s counted", model).isEqualTo(perModel);
        }
    }

    /**
     * Every committed judgment on rh.judgments of the samples this test sent (not its malformed record, nor what another
     * run on the machine may send to a default port this mesh took).
     */
    private static List<Judgment> readJudgments() {
        List<Judgment> judgments = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records(MeshPlan.JUDGMENTS)) {
            if (!record.key().startsWith(MALFORMED_KEY)) {
                try {
                    Judgment judgment = Judgment.parseFrom(record.value());
                    if (judgment.getSample().getSampleId().startsWith(SAMPLE_PREFIX)) {
                        judgments.add(judgment);
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new AssertionError("an unreadable judgment on " + MeshPlan.JUDGMENTS + ": " + record.key(), e);
                }
            }
        }
        return judgments;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return E2e.records(cluster.bootstrapServers(), topic);
    }

    /**
     * The partitions, of every topic on the cluster (the mesh's and Kafka Streams' own), that hold records but know no
     * idempotent producer. A producer without idempotence leaves no producer state on the broker; one with it must use
     * acks=all. Each topic has one kind of writer, so a non-idempotent one shows as a partition with records and none.
     */
    private static List<String> partitionsWrittenByNonIdempotentProducers() throws Exception {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        Map<TopicPartition, Long> holding = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = E2e.consumer(cluster.bootstrapServers())) {
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            consumer.endOffsets(partitions).forEach((partition, end) -> {
                if (end > start.get(partition)) {
                    holding.put(partition, end - start.get(partition));
                }
            });
        }
        List<String> without = new ArrayList<>();
        Map<TopicPartition, List<ProducerState>> producers = new HashMap<>();
        admin.describeProducers(holding.keySet()).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, state) -> producers.put(partition, state.activeProducers()));
        holding.forEach((partition, records) -> {
            if (producers.getOrDefault(partition, List.of()).isEmpty()) {
                without.add(partition + " (" + records + " records)");
            }
        });
        E2e.progress("checked the producers of " + holding.size() + " partitions holding records on " + topics.size() + " topics");
        return without;
    }

    /**
     * The test's own writes, one malformed record to each consumed topic, are idempotent too, so that they pass the
     * producer check themselves.
     */
    private static void send(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
