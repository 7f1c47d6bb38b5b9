package io.rhwatch.aggregator.streams;

import com.google.protobuf.UnknownFieldSet;
import io.rhwatch.aggregator.readmodel.ModelChanged;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.rhwatch.aggregator.windows.WindowedCountsFixture;
import io.rhwatch.testsupport.TopicProbe;
import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.core.ModelKey;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.core.scoring.OutcomeTable;
import io.rhwatch.core.scoring.PairedBootstrap;
import io.rhwatch.core.scoring.PairedGaps;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.ExampleDetail;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopologyProducerTest {

    private static final String A = "sim-a";
    private static final String B = "sim-b";

    @TempDir
    Path stateDir;

    /** Every sample here is probed with these two corruptions. */
    private static final List<String> CORRUPTIONS = List.of("blank_image", "text_removal");
    private static final Duration RETENTION = Duration.ofDays(7);

    private final RhAucHistory history = new RhAucHistory(10, Duration.ofMillis(1));
    private final List<ModelChanged> changes = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> judgments;
    private TestOutputTopic<String, byte[]> curves;
    private TestOutputTopic<String, byte[]> deadLetters;
    private int sequence;

    private TestOutputTopic<String, byte[]> outcomes;

    @BeforeEach
    void start() {
        start(SampleOutcomes.DEFAULT_MAX_SAMPLES, Duration.ZERO);
    }

    private void start(int maxSamples, Duration pairedEvery) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("max-" + maxSamples).toString());
        driver = new TopologyTestDriver(new TopologyProducer(new ReadModelStores(history, changes::add), WindowedCountsFixture.hourly(),
                RETENTION, RETENTION, CORRUPTIONS, maxSamples, pairedEvery).buildTopology(), config);
        outcomes = driver.createOutputTopic(TopologyProducer.OUTCOMES_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        judgments = driver.createInputTopic(TopologyProducer.JUDGMENTS_TOPIC, new StringSerializer(), new ByteArraySerializer());
        curves = driver.createOutputTopic(TopologyProducer.CURVES_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TopologyProducer.DEAD_LETTER_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void countsJudgmentsPerModelAndPublishesTheCurve() {
        // sim-a: the design brief's check, (R, P) = (40, 60), (45, 50), (50, 55) percent, 20 judgments a cell.
        feed(A, 0, Task.TASK_REASONING, 8, 20);
        feed(A, 0, Task.TASK_PERCEPTION, 12, 20);
        feed(A, 100, Task.TASK_REASONING, 9, 20);
        feed(A, 100, Task.TASK_PERCEPTION, 10, 20);
        feed(A, 200, Task.TASK_REASONING, 10, 20);
        feed(A, 200, Task.TASK_PERCEPTION, 11, 20);
        // Corrupted probes are counted in their own cell and leave the curve alone.
        send(A, judgment(A, 0, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT).setCorruption(Corruption.CORRUPTION_BLANK_IMAGE));
        send(A, judgment(A, 0, Task.TASK_PERCEPTION, Verdict.VERDICT_UNPARSEABLE).setCorruption(Corruption.CORRUPTION_BLANK_IMAGE)
                .setCensored(true));
        // sim-b: a single level, so no RH-AUC; one of its judgments arrives keyed by probe, not by model.
        feed(B, 0, Task.TASK_REASONING, 3, 4);
        feed(B, 0, Task.TASK_PERCEPTION, 1, 2);
        send("some-probe-id", judgment(B, 0, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT));

        KeyValueStore<String, ModelTally> store = driver.getKeyValueStore(TopologyProducer.TALLIES_STORE);
        ModelTally a = store.get(A);
        assertThat(a.getModel()).isEqualTo(A);
        assertThat(a.getJudged()).isEqualTo(122);
        assertThat(cell(a, 0, Task.TASK_REASONING, Corruption.CORRUPTION_NONE))
                .extracting(CellStats::getJudged, CellStats::getCorrect).containsExactly(20L, 8L);
        assertThat(cell(a, 200, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE))
                .extracting(CellStats::getJudged, CellStats::getCorrect).containsExactly(20L, 11L);
        assertThat(cell(a, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE))
                .extracting(CellStats::getJudged, CellStats::getCorrect, CellStats::getUnparseable, CellStats::getCensored)
                .containsExactly(2L, 1L, 1L, 1L);
        ModelTally b = store.get(B);
        assertThat(b.getJudged()).isEqualTo(7);
        assertThat(cell(b, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE))
                .extracting(CellStats::getJudged, CellStats::getCorrect).containsExactly(3L, 2L);

        Map<String, byte[]> latest = curves.readKeyValuesToMap();
        assertThat(latest).containsOnlyKeys(A, B);
        Curve curveA = parse(latest.get(A));
        double byHand = RhAuc.compute(List.of(
                new RhAuc.Level(0, 8 / 20.0, 12 / 20.0),
                new RhAuc.Level(100, 9 / 20.0, 10 / 20.0),
                new RhAuc.Level(200, 10 / 20.0, 11 / 20.0))).rhAuc();
        assertThat(curveA.getRhAuc()).isCloseTo(byHand, within(1e-12)).isCloseTo(0.375, within(1e-12));
        // trapezoid(P over R) / (max R − min R) = (0.05·(0.60+0.50)/2 + 0.05·(0.50+0.55)/2) / 0.10
        assertThat(curveA.getRhAucRaw()).isCloseTo(0.5375, within(1e-12));
        assertThat(curveA.getJudged()).isEqualTo(122);
        assertThat(curveA.getPointsList()).extracting(p -> p.getBudget()).containsExactly(0, 100, 200);
        assertThat(curveA.getPoints(0).getPerceptionAccuracy()).isEqualTo(0.6);

        Curve curveB = parse(latest.get(B));
        assertThat(curveB.hasRhAuc()).isFalse();
        assertThat(curveB.hasRhAucRaw()).isFalse();
        assertThat(curveB.getReason()).isEqualTo(RhAuc.TOO_FEW_LEVELS);
        assertThat(curveB.getJudged()).isEqualTo(7);

        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theReadModelFollowsTheLatestPublishedCurveOfEveryModel() {
        feed(A, 0, Task.TASK_REASONING, 1, 2);
        feed(A, 0, Task.TASK_PERCEPTION, 2, 2);
        feed(B, 0, Task.TASK_REASONING, 1, 1);
        // rh.curves is only the topology's, but a bad record there is skipped, not fatal to the global thread.
        driver.createInputTopic(TopologyProducer.CURVES_TOPIC, new StringSerializer(), new ByteArraySerializer())
                .pipeInput("garbage", "not a curve".getBytes(StandardCharsets.UTF_8));

        Map<String, byte[]> published = curves.readKeyValuesToMap();
        KeyValueStore<String, Curve> readModel = driver.getKeyValueStore(ReadModelStores.CURVES_STORE);
        assertThat(readModel.get(A)).isEqualTo(parse(published.get(A)));
        assertThat(readModel.get(A).getJudged()).isEqualTo(4);
        assertThat(readModel.get(B)).isEqualTo(parse(published.get(B)));
        assertThat(readModel.get("garbage")).isNull();
        // one change per published curve, and the history follows the same curves
        assertThat(changes).extracting(ModelChanged::model).containsExactly(A, A, A, A, B);
        assertThat(history.all()).extracting(RhAucHistory.ModelHistory::model).containsExactly(A, B);
    }

    @Test
    void deadLettersWhatCannotBeCountedAndGoesOn() {
        byte[] garbage = "not a protobuf message".getBytes(StandardCharsets.UTF_8);
        judgments.pipeInput("bad", garbage);
        byte[] anonymous = judgment("", 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT).build().toByteArray();
        judgments.pipeInput("anonymous", anonymous);
        byte[] noVerdict = judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_UNSPECIFIED).build().toByteArray();
        judgments.pipeInput(A, noVerdict);
        // As an older version wrote it: the task under its old number (6), no SampleRef. Counted, it would land in no curve.
        byte[] older = judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT).clearSample()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(6, UnknownFieldSet.Field.newBuilder().addVarint(Task.TASK_REASONING.getNumber()).build()).build())
                .build().toByteArray();
        judgments.pipeInput("older", older);
        send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT));

        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(TestRecord::key).containsExactly("bad", "anonymous", A, "older");
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(TopicProbe.header(dead.get(0).headers(), "dead-letter-reason")).startsWith("value: not a valid Judgment");
        assertThat(TopicProbe.header(dead.get(0).headers(), "dead-letter-cause")).isNotBlank();
        assertThat(TopicProbe.header(dead.get(0).headers(), "dead-letter-topic")).isEqualTo(TopologyProducer.JUDGMENTS_TOPIC);
        assertThat(TopicProbe.header(dead.get(0).headers(), "dead-letter-offset")).isEqualTo("0");
        assertThat(dead.get(1).value()).isEqualTo(anonymous);
        assertThat(TopicProbe.header(dead.get(1).headers(), "dead-letter-reason")).startsWith("model: empty");
        assertThat(TopicProbe.header(dead.get(2).headers(), "dead-letter-reason")).startsWith("verdict: unspecified");
        assertThat(dead.get(3).value()).isEqualTo(older);
        assertThat(TopicProbe.header(dead.get(3).headers(), "dead-letter-reason")).startsWith("sample: missing");

        ModelTally a = driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A);
        assertThat(a.getJudged()).isEqualTo(1);
        assertThat(parse(curves.readKeyValuesToMap().get(A)).getJudged()).isEqualTo(1);
    }

    @Test
    void pairsCleanAndCorruptedAnswersInAStoreAndCountsInvariance() {
        // Six samples at budget 100: blank-image answers arrive before or after the clean one.
        for (int sample = 0; sample < 6; sample++) {
            Judgment.Builder clean = judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                    .mergeSample(SampleRef.newBuilder().setSampleId("s" + sample).build()).setExtractedAnswer("B");
            // samples 0-2 keep their answer without the image, 3-4 change it, 5 refuses
            Judgment.Builder blank = judgment(A, 100, Task.TASK_PERCEPTION,
                    sample == 5 ? Verdict.VERDICT_UNPARSEABLE : sample < 3 ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setSampleId("s" + sample).build()).setCorruption(Corruption.CORRUPTION_BLANK_IMAGE)
                    .setExtractedAnswer(sample == 5 ? "" : sample < 3 ? "B" : "D");
            if (sample % 2 == 0) {
                send(A, clean);
                send(A, blank);
            } else {
                send(A, blank);
                send(A, clean);
            }
        }

        ModelTally a = driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE))
                .extracting(CellStats::getPaired, CellStats::getUnchanged).containsExactly(6L, 3L);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE).getPaired()).isZero();
        PairingState state = driver.<String, PairingState>getKeyValueStore(TopologyProducer.PAIRS_STORE).get(A + "|s1|100");
        assertThat(state.getCleanAnswer()).isEqualTo("B");
        assertThat(state.getWaitingList()).isEmpty();
    }

    @Test
    void aRedeliveredJudgmentIsCountedOnce() {
        Judgment.Builder clean = judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build()).setExtractedAnswer("B");
        Judgment.Builder blank = judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build())
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).setExtractedAnswer("B");
        send(A, blank);
        send(A, clean);
        send(A, clean);
        send(A, blank);
        // A redelivery keyed by probe, not by model, meets the first delivery after the repartition.
        send("some-probe-id", blank);

        ModelTally a = driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A);
        assertThat(a.getJudged()).isEqualTo(2);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE).getJudged()).isEqualTo(1);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE))
                .extracting(CellStats::getJudged, CellStats::getPaired, CellStats::getUnchanged).containsExactly(1L, 1L, 1L);
    }

    /** A new epoch of a sample is a deliberate re-evaluation: other ids, counted again, paired within its epoch. */
    @Test
    void aReEvaluationInANewEpochCountsAgainAndItsRedeliveriesDoNot() {
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Corruption corruption : List.of(Corruption.CORRUPTION_NONE, Corruption.CORRUPTION_BLANK_IMAGE)) {
                Judgment.Builder answer = judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                        .setJudgmentId(RecordIds.response(RecordIds.probe("s0", epoch, A, corruption), 100))
                        .mergeSample(SampleRef.newBuilder()
                                .setSampleId("s0")
                                .setEpoch(epoch).build()).setCorruption(corruption).setExtractedAnswer(epoch == 0 ? "B" : "C");
                send(A, answer);
                send(A, answer);
            }
        }

        ModelTally a = driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A);
        assertThat(a.getJudged()).isEqualTo(4);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE))
                .extracting(CellStats::getJudged, CellStats::getPaired, CellStats::getUnchanged).containsExactly(2L, 2L, 2L);
        // Epoch 1 waits for its text-removal answer under its own key, apart from epoch 0's.
        KeyValueStore<String, PairingState> pairs = driver.getKeyValueStore(TopologyProducer.PAIRS_STORE);
        assertThat(pairs.get(A + "|s0|e1|100").getCleanAnswer()).isEqualTo("C");
        assertThat(pairs.get(A + "|s0|100").getCleanAnswer()).isEqualTo("B");
    }

    @Test
    void judgmentIdsAreForgottenAfterTheRetention() {
        Judgment.Builder clean = judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT);
        send(A, clean);
        driver.advanceWallClockTime(RETENTION.plusHours(1));
        assertThat(driver.<String, Long>getKeyValueStore(TopologyProducer.JUDGMENT_IDS_STORE).get(clean.getJudgmentId())).isNull();

        send(A, clean);

        assertThat(driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A).getJudged()).isEqualTo(2);
    }

    @Test
    void forgetsASamplesAnswersOnceAllArePairedSoARerunPairsAgainstItsOwnCleanAnswer() {
        KeyValueStore<String, PairingState> store = driver.getKeyValueStore(TopologyProducer.PAIRS_STORE);
        // First run: the clean answer is B; the blank-image answer keeps it, text removal changes it.
        send(A, judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build())
                .setCorruption(Corruption.CORRUPTION_TEXT_REMOVAL).setExtractedAnswer("C"));
        send(A, judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build()).setExtractedAnswer("B"));
        assertThat(store.get(A + "|s0|100")).isNotNull();
        send(A, judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build())
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).setExtractedAnswer("B"));
        assertThat(countEntries(store)).isZero();

        // Second run of the same sample id: the model now answers C, and so does it without the image.
        send(A, judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build()).setExtractedAnswer("C"));
        send(A, judgment(A, 100, Task.TASK_PERCEPTION, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s0").build())
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).setExtractedAnswer("C"));

        ModelTally a = driver.<String, ModelTally>getKeyValueStore(TopologyProducer.TALLIES_STORE).get(A);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE))
                .extracting(CellStats::getPaired, CellStats::getUnchanged).containsExactly(2L, 2L);
        assertThat(cell(a, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_TEXT_REMOVAL))
                .extracting(CellStats::getPaired, CellStats::getUnchanged).containsExactly(1L, 0L);
        // Text removal of the second run never came: the leftover answers expire with the retention.
        assertThat(store.get(A + "|s0|100")).isNotNull();
        driver.advanceWallClockTime(RETENTION.plusHours(1));
        assertThat(countEntries(store)).isZero();
    }

    private static long countEntries(KeyValueStore<String, ?> store) {
        try (var all = store.all()) {
            long n = 0;
            while (all.hasNext()) {
                all.next();
                n++;
            }
            return n;
        }
    }

    @Test
    void keepsTheNewestExamplesPerModelInABoundedRing() {
        int total = ReadModelStores.EXAMPLES_PER_MODEL + 7;
        for (int i = 0; i < total; i++) {
            send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setSampleId("s" + i).build())
                    .setExample(ExampleDetail.getDefaultInstance()));
            // a judgment the judge did not make an example: counted, never kept as one
            send(A, judgment(A, 100, Task.TASK_REASONING, Verdict.VERDICT_CORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setSampleId("not-an-example-" + i).build()));
        }
        send(B, judgment(B, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("b0").build())
                .setExample(ExampleDetail.getDefaultInstance()));

        KeyValueStore<String, JudgedExample> store = driver.getKeyValueStore(ReadModelStores.EXAMPLES_STORE);
        List<JudgedExample> ofA = new ArrayList<>();
        try (var slots = store.range(A + "\u0000", A + "\u0000\u007f")) {
            slots.forEachRemaining(slot -> ofA.add(slot.value));
        }
        assertThat(ofA).hasSize(ReadModelStores.EXAMPLES_PER_MODEL);
        assertThat(ofA).extracting(e -> e.getJudgment().getSample().getSampleId())
                .contains("s" + (total - 1), "s7").doesNotContain("s0", "s6").allMatch(id -> id.startsWith("s"));
        assertThat(ofA).extracting(JudgedExample::getSequence).allMatch(sequence -> sequence >= 7 && sequence < total);
        // 57 judgments in 50 slots: the newest (sequence 56) overwrote slot 06, the oldest kept (7) sits in slot 07.
        assertThat(store.get(A + "\u0000" + "06").getJudgment().getSample().getSampleId()).isEqualTo("s56");
        assertThat(store.get(A + "\u0000" + "07").getJudgment().getSample().getSampleId()).isEqualTo("s7");
        assertThat(store.get(B + "\u0000" + "00").getJudgment().getSample().getSampleId()).isEqualTo("b0");
    }

    @Test
    void curvesCarryPairedIntervalsFromTheSamplesPublishedBesideThem() {
        // 40 samples a task, each answered clean at three budgets and blank-image at 100, outcomes tied to the sample.
        SampleOutcomes expected = new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES);
        SplittableRandom random = new SplittableRandom(7);
        for (int sample = 0; sample < 80; sample++) {
            Task task = sample % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
            double ability = random.nextDouble();
            for (int budget : new int[] {0, 100, 200}) {
                boolean right = ability > (task == Task.TASK_PERCEPTION ? 0.3 + budget / 1000.0 : 0.6 - budget / 1000.0);
                send(A, judgment(A, budget, task, right ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                        .mergeSample(SampleRef.newBuilder()
                                .setSampleId("s" + sample).build()));
                expected.record("s" + sample, task, budget, Corruption.CORRUPTION_NONE, right);
            }
            boolean blankRight = ability > 0.7;
            send(A, judgment(A, 100, task, blankRight ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setSampleId("s" + sample).build()).setCorruption(Corruption.CORRUPTION_BLANK_IMAGE));
            expected.record("s" + sample, task, 100, Corruption.CORRUPTION_BLANK_IMAGE, blankRight);
        }
        // An answer without a sample id is counted, but not kept per sample.
        send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT));

        Curve curve = parse(curves.readKeyValuesToMap().get(A));
        OutcomeTable published = OutcomeTable.parse(outcomes.readKeyValuesToMap().get(A));
        OutcomeTable table = expected.snapshot();
        assertThat(published).isEqualTo(table);

        PairedBootstrap.Result paired = new PairedBootstrap().rhAuc(table);
        assertThat(curve.getPaired()).isTrue();
        assertThat(curve.getPairedReasoningSamples()).isEqualTo(40);
        assertThat(curve.getPairedPerceptionSamples()).isEqualTo(40);
        assertThat(curve.getRhAucRawCi().getLow()).isEqualTo(paired.rhAucRaw().ci().low());
        assertThat(curve.getRhAucRawCi().getHigh()).isEqualTo(paired.rhAucRaw().ci().high());
        assertThat(curve.getRhAucCi().getLow()).isEqualTo(paired.rhAuc().ci().low());
        assertThat(curve.getRhAucDegenerateShare()).isEqualTo(paired.rhAuc().degenerateShare());
        List<PairedGaps.Gap> gaps = PairedGaps.of(table);
        assertThat(curve.getPairedGapsList()).hasSize(gaps.size()).isNotEmpty();
        assertThat(curve.getPairedGaps(0).getPairs()).isEqualTo(gaps.get(0).pairs());
        assertThat(curve.getPairedGaps(0).getGapCi().getLow()).isEqualTo(gaps.get(0).gapCi().low());
        // The read model serves the curve's intervals as they were published.
        Scorecard served = Curves.scorecard(driver.<String, Curve>getKeyValueStore(ReadModelStores.CURVES_STORE).get(A), new Bootstrap());
        assertThat(served.intervalMethod()).isEqualTo(Scorecard.PAIRED);
        assertThat(served.rhAucRawCi()).isEqualTo(paired.rhAucRaw().ci());
        assertThat(served.corruptions()).filteredOn(e -> e.pairs() != null).hasSize(gaps.size());
        assertThat(driver.<String, byte[]>getKeyValueStore(ReadModelStores.OUTCOMES_STORE).get(A)).isEqualTo(table.toBytes());
    }

    @Test
    void keepsTheSamplesWithTheSmallestHashesWhateverTheirOrder() {
        driver.close();
        start(5, Duration.ZERO);
        SampleOutcomes expected = new SampleOutcomes(5);
        for (int sample = 0; sample < 30; sample++) {
            Task task = sample % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
            send(A, judgment(A, 0, task, Verdict.VERDICT_CORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setSampleId("s" + sample).build()));
            expected.record("s" + sample, task, 0, Corruption.CORRUPTION_NONE, true);
        }
        // An answer to a kept sample at another level, after the bound was reached.
        String kept = "s" + java.util.stream.IntStream.range(0, 30).boxed()
                .min(java.util.Comparator.comparingLong(i -> SampleOutcomes.sampleHash("s" + i))).orElseThrow();
        Task keptTask = Integer.parseInt(kept.substring(1)) % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
        send(A, judgment(A, 100, keptTask, Verdict.VERDICT_INCORRECT).mergeSample(SampleRef.newBuilder().setSampleId(kept).build()));
        expected.record(kept, keptTask, 100, Corruption.CORRUPTION_NONE, false);

        assertThat(countEntries(driver.getKeyValueStore(TopologyProducer.SAMPLE_OUTCOMES_STORE))).isEqualTo(5);
        assertThat(OutcomeTable.parse(outcomes.readKeyValuesToMap().get(A))).isEqualTo(expected.snapshot());
    }

    @Test
    void aLargeModelsPairedIntervalsAreResampledAtMostOncePerPairedEvery() {
        driver.close();
        start(SampleOutcomes.DEFAULT_MAX_SAMPLES, Duration.ofSeconds(5));
        int large = CurvePublisher.ALWAYS_RESAMPLED_BELOW;
        SplittableRandom random = new SplittableRandom(7);
        for (int sample = 0; sample < large + 10; sample++) {
            Task task = sample % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
            send(A, judgment(A, sample % 3 * 100, task, random.nextBoolean() ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .mergeSample(SampleRef.newBuilder().setSampleId("s" + sample).build()));
        }
        // no judgment comes after these: the punctuation still gives the last counts new intervals
        driver.advanceWallClockTime(Duration.ofSeconds(5));

        List<Curve> published = curves.readValuesToList().stream().map(TopologyProducerTest::parse).toList();
        List<OutcomeTable> tables = outcomes.readValuesToList().stream().map(OutcomeTable::parse).toList();
        assertThat(published).hasSize(large + 11);
        assertThat(tables).as("a table with every curve up to %d samples, then none for 5 s, then one", large)
                .hasSize(large + 1);
        assertThat(tables.get(large - 1).size()).isEqualTo(large);
        assertThat(tables.get(large).size()).isEqualTo(large + 10);
        Curve resampled = published.get(large - 1);
        for (Curve between : published.subList(large, large + 10)) {
            assertThat(between.getJudged()).as("the counts are new with every curve").isGreaterThan(resampled.getJudged());
            assertThat(between.getRhAucCi()).as("the intervals are the last resampled ones").isEqualTo(resampled.getRhAucCi());
        }
        Curve punctuated = published.get(large + 10);
        assertThat(punctuated.getJudged()).isEqualTo(published.get(large + 9).getJudged());
        assertThat(punctuated.getRhAucCi()).isNotEqualTo(resampled.getRhAucCi());
    }

    @Test
    void aVersionIsCountedAsAModelOfItsOwn() {
        send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT).setModelVersion("v2")
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s1").build()));
        send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_CORRECT).setModelVersion(ModelKey.DEFAULT_VERSION)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s1").build()));
        send(A, judgment(A, 0, Task.TASK_REASONING, Verdict.VERDICT_INCORRECT)
                .mergeSample(SampleRef.newBuilder()
                        .setSampleId("s2").build()));

        Map<String, byte[]> latest = curves.readKeyValuesToMap();
        assertThat(latest).containsOnlyKeys(A, A + "@v2");
        assertThat(parse(latest.get(A)).getJudged()).isEqualTo(2);
        assertThat(parse(latest.get(A + "@v2")).getJudged()).isEqualTo(1);
        assertThat(parse(latest.get(A + "@v2")).getModel()).isEqualTo(A + "@v2");
    }

    /** {@code correct} of {@code judged} clean judgments for one cell, keyed by model as the judge writes them. */
    private void feed(String model, int budget, Task task, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            send(model, judgment(model, budget, task, i < correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT));
        }
    }

    private void send(String key, Judgment.Builder judgment) {
        judgments.pipeInput(key, judgment.build().toByteArray());
    }

    private Judgment.Builder judgment(String model, int budget, Task task, Verdict verdict) {
        String id = "j" + sequence++;
        return Judgment.newBuilder()
                .setJudgmentId(id + "|" + budget)
                .setProbeId(id)
                .setModel(model)
                .setSample(SampleRef.newBuilder().setTask(task))
                .setBudget(budget)
                .setVerdict(verdict)
                .setJudgedAtMs(1_000L + sequence);
    }

    private static CellStats cell(ModelTally tally, int budget, Task task, Corruption corruption) {
        return tally.getCellsList().stream()
                .filter(c -> c.getBudget() == budget && c.getTask() == task && c.getCorruption() == corruption)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + budget + "/" + task + "/" + corruption + " in " + tally));
    }

    private static Curve parse(byte[] value) {
        return new ProtobufSerde<>(Curve.parser(), Curve.class).deserializer().deserialize(TopologyProducer.CURVES_TOPIC, value);
    }

}
