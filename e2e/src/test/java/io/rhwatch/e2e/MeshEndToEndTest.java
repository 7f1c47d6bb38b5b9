package io.rhwatch.e2e;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.IngestionClient;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.mesh.ServiceProcess;
import io.rhwatch.cli.mesh.Topics;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole mesh as separate processes (a KRaft broker JVM, model-sim, the five services) runs the
 * synthetic benchmark; then every judgment is read back from rh.judgments and checked against the
 * probes that had to be judged and against what the aggregator serves.
 */
class MeshEndToEndTest {

    static final int SAMPLES = 120;
    static final long SEED = 7;
    static final Duration JUDGING_TIMEOUT = Duration.ofMinutes(8);
    static final String STEADY = "rh-sim-steady";
    static final String DRIFTY = "rh-sim-drifty";

    static Mesh mesh;
    static MeshOptions options;
    static List<String> sampleIds;
    static List<ConsumerRecord<String, byte[]>> records;
    static List<Judgment> judgments;
    static Map<String, AggregatorClient.ModelCurve> served;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> mesh == null ? null : mesh.logsDir());

    @BeforeAll
    static void runTheBenchmarkThroughTheMesh() throws Exception {
        Path runDir = E2e.newRunDir("mesh");
        options = MeshOptions.defaults(E2e.home(), runDir).withAggregatorPort(0);
        mesh = new Mesh(options, E2e::progress);
        mesh.start();

        E2e.progress("generating and importing " + SAMPLES + " benchmark samples");
        Path dataset = BenchmarkWriter.write(runDir.resolve("benchmark"), BenchmarkGenerator.generate(SAMPLES, SEED));
        IngestionClient.ImportResult imported = new IngestionClient(mesh.ingestionUrl()).importFile(dataset);
        assertThat(imported.rejected()).as("samples the ingestion service refused").isEmpty();
        assertThat(imported.accepted()).isEqualTo(SAMPLES);
        sampleIds = imported.ids();

        long expected = (long) SAMPLES * options.judgmentsPerSample() * options.models().size();
        records = readJudgments(expected);
        judgments = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            judgments.add(Judgment.parseFrom(record.value()));
        }
        served = awaitAggregator((long) SAMPLES * options.judgmentsPerSample());
    }

    @AfterAll
    static void stopTheMesh() {
        if (mesh == null) {
            return;
        }
        List<ServiceProcess> processes = mesh.processes(true);
        mesh.close();
        // Nothing the mesh started may outlive it.
        assertThat(processes).noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void everyProbeOfEverySampleIsJudgedExactlyOnce() {
        Set<String> expected = new HashSet<>();
        for (String sample : sampleIds) {
            for (String model : options.models()) {
                for (String kind : probeKinds()) {
                    for (int budget : options.budgets()) {
                        expected.add(sample + "|" + model + "|" + kind + "|" + budget);
                    }
                }
            }
        }
        Map<String, Long> counts = judgments.stream().collect(Collectors.groupingBy(Judgment::getJudgmentId, Collectors.counting()));
        List<String> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        List<String> missing = expected.stream().filter(id -> !counts.containsKey(id)).sorted().toList();
        List<String> unexpected = counts.keySet().stream().filter(id -> !expected.contains(id)).sorted().toList();

        // Sizes, not lists: a broken run would print thousands of ids; the first few say enough.
        assertThat(duplicated.size()).as("judgment ids seen more than once, e.g. %s", first(duplicated)).isZero();
        assertThat(missing.size()).as("probes never judged, e.g. %s", first(missing)).isZero();
        assertThat(unexpected.size()).as("judgments of no expected probe, e.g. %s", first(unexpected)).isZero();
        assertThat(judgments).hasSize(expected.size());
        assertThat(records).as("rh.judgments is keyed by model").allSatisfy(record ->
                assertThat(record.key()).isEqualTo(Judgment.parseFrom(record.value()).getModel()));
    }

    @Test
    void theAggregatorServesTheRhAucRecomputedFromTheJudgments() {
        for (String model : options.models()) {
            Curve offline = offlineCurve(model);
            AggregatorClient.ModelCurve online = served.get(model);

            assertThat(online.judged()).as("%s judged", model).isEqualTo(offline.getJudged());
            assertSame(model + " rh_auc", online.rhAuc(), offline.hasRhAuc() ? offline.getRhAuc() : null);
            assertSame(model + " rh_auc_raw", online.rhAucRaw(), offline.hasRhAucRaw() ? offline.getRhAucRaw() : null);
            assertThat(online.points()).as("%s points", model).hasSameSizeAs(offline.getPointsList());
            for (int i = 0; i < offline.getPointsCount(); i++) {
                CurvePoint expected = offline.getPoints(i);
                AggregatorClient.Point actual = online.points().get(i);
                assertThat(actual.budget()).isEqualTo(expected.getBudget());
                assertThat(actual.reasoningN()).isEqualTo(expected.getReasoningN());
                assertThat(actual.perceptionN()).isEqualTo(expected.getPerceptionN());
                assertThat(actual.reasoningAccuracy()).isCloseTo(expected.getReasoningAccuracy(), within(1e-9));
                assertThat(actual.perceptionAccuracy()).isCloseTo(expected.getPerceptionAccuracy(), within(1e-9));
            }
            E2e.progress(model + ": RH-AUC " + online.rhAuc() + ", rh_auc_raw " + online.rhAucRaw() + " over "
                    + online.points().size() + " levels, recomputed offline alike");
        }
    }

    @Test
    void theDriftyProfileLosesPerceptionSoonerThanTheSteadyOne() {
        Double steady = served.get(STEADY).rhAuc();
        Double drifty = served.get(DRIFTY).rhAuc();

        assertThat(steady).as("RH-AUC of %s (%s)", STEADY, served.get(STEADY).reason()).isNotNull();
        assertThat(drifty).as("RH-AUC of %s (%s)", DRIFTY, served.get(DRIFTY).reason()).isNotNull();
        assertThat(drifty).as("RH-AUC of %s below %s's", DRIFTY, STEADY).isLessThan(steady);
    }

    private static Curve offlineCurve(String model) {
        ModelTally tally = Tallies.empty(model);
        for (Judgment judgment : judgments) {
            if (judgment.getModel().equals(model)) {
                tally = Tallies.add(tally, judgment);
            }
        }
        return Curves.of(tally);
    }

    private static void assertSame(String what, Double served, Double offline) {
        if (offline == null) {
            assertThat(served).as(what).isNull();
        } else {
            assertThat(served).as(what).isNotNull();
            assertThat(served).as(what).isCloseTo(offline, within(1e-9));
        }
    }

    /** Reads rh.judgments (read_committed) until the expected count arrived, then on to the end offsets, so duplicates show. */
    private static List<ConsumerRecord<String, byte[]>> readJudgments(long expected) {
        E2e.progress("waiting for " + expected + " judgments on " + Topics.JUDGMENTS);
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = E2e.consumer(mesh.bootstrapServers())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JUDGMENTS).stream()
                    .map(p -> new TopicPartition(Topics.JUDGMENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + JUDGING_TIMEOUT.toNanos();
            long nextNote = 0;
            while (read.size() < expected) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                long now = System.nanoTime();
                if (now > nextNote) {
                    failOnDeadLetters();
                    mesh.checkRunning();
                    E2e.progress("judgments: " + read.size() + "/" + expected);
                    nextNote = now + Duration.ofSeconds(15).toNanos();
                }
                if (now > deadline) {
                    fail("only " + read.size() + " of " + expected + " judgments arrived within " + JUDGING_TIMEOUT.toMinutes() + " min");
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        failOnDeadLetters();
        E2e.progress("read " + read.size() + " judgments");
        return read;
    }

    /** Polls the aggregator until it has counted every judgment of every model; returns each model's curve. */
    private static Map<String, AggregatorClient.ModelCurve> awaitAggregator(long perModel) throws Exception {
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, AggregatorClient.ModelCurve> curves = new LinkedHashMap<>();
        while (true) {
            curves.clear();
            for (String model : options.models()) {
                aggregator.curve(model).ifPresent(curve -> curves.put(model, curve));
            }
            if (curves.size() == options.models().size() && curves.values().stream().allMatch(c -> c.judged() >= perModel)) {
                E2e.progress("the aggregator counted every judgment");
                return curves;
            }
            if (System.nanoTime() > deadline) {
                fail("the aggregator did not count " + perModel + " judgments per model within 2 min: "
                        + curves.values().stream().map(c -> c.model() + " " + c.judged()).toList());
            }
            Thread.sleep(500);
        }
    }

    private static void failOnDeadLetters() {
        Map<String, Long> deadLetters = mesh.deadLetterCounts();
        Map<String, Long> nonZero = new HashMap<>();
        deadLetters.forEach((topic, count) -> {
            if (count > 0) {
                nonZero.put(topic, count);
            }
        });
        if (!nonZero.isEmpty()) {
            String topic = nonZero.keySet().iterator().next();
            fail("records were dead-lettered: " + nonZero + "; the first on " + topic + ": "
                    + E2e.firstDeadLetterReason(mesh.bootstrapServers(), topic));
        }
    }

    private static List<String> probeKinds() {
        List<String> kinds = new ArrayList<>(List.of(Labels.of(Corruption.CORRUPTION_NONE)));
        options.corruptions().stream().map(Labels::of).forEach(kinds::add);
        return kinds;
    }

    private static List<String> first(List<String> ids) {
        return ids.subList(0, Math.min(10, ids.size()));
    }
}
