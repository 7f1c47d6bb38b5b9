package io.rhwatch.aggregator.streams;

import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.aggregator.windows.WindowedCountsFixture;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.core.scoring.LabelFree;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.GroundingPoint;
import io.rhwatch.proto.v1.Interval;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.StabilityPoint;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Label-free signals through the whole topology, from hand-built judgments whose grounding and stability are known:
 * unlabelled answers pair and feed the signals but never the accuracy, passive traffic stays out of the probed cells.
 */
class LabelFreeTopologyTest {

    private static final String TRAFFIC = "sim-traffic";
    private static final String LABELLED_ONLY = "sim-labelled";
    private static final Duration RETENTION = Duration.ofDays(7);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> judgments;
    private TestOutputTopic<String, byte[]> curves;
    private TestOutputTopic<String, byte[]> windows;
    private final Map<String, byte[]> published = new HashMap<>();
    private int sequence;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-label-free-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new TopologyProducer(new ReadModelStores(new RhAucHistory(10, Duration.ofMillis(1)), change -> { }),
                WindowedCountsFixture.hourly(), RETENTION, RETENTION, List.of("blank_image", "random_image"),
                SampleOutcomes.DEFAULT_MAX_SAMPLES, Duration.ZERO).buildTopology(), config);
        judgments = driver.createInputTopic(TopologyProducer.JUDGMENTS_TOPIC, new StringSerializer(), new ByteArraySerializer());
        curves = driver.createOutputTopic(TopologyProducer.CURVES_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        windows = driver.createOutputTopic(WindowedCounts.WINDOWS_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /**
     * 20 unlabelled perception samples at levels 0 (50 reasoning tokens) and 100 (150 tokens). At level 0 the blank and
     * the random image each change 18 of the 20 answers (grounding 36/40 = 0.9); at level 100, 10 each (0.5). The
     * clean answer at 100 equals the one at 0 for 15 samples (stability 0.75). Labelled reasoning answers beside them.
     */
    @Test
    void groundingStabilityAndTheLabelFreeRhAucFromUnlabelledTraffic() {
        for (int s = 0; s < 20; s++) {
            String sample = "t" + s;
            // level 100 first: stability must not depend on the order levels arrive in
            perception(sample, 100, Corruption.CORRUPTION_NONE, s < 15 ? "A" : "B", 150);
            perception(sample, 100, Corruption.CORRUPTION_BLANK_IMAGE, s < 10 ? "C" : s < 15 ? "A" : "B", 150);
            perception(sample, 100, Corruption.CORRUPTION_RANDOM_IMAGE, s >= 10 ? "D" : s < 15 ? "A" : "B", 150);
            perception(sample, 0, Corruption.CORRUPTION_BLANK_IMAGE, s < 18 ? "" : "A", 50);   // unparseable: changed
            perception(sample, 0, Corruption.CORRUPTION_NONE, "A", 50);
            perception(sample, 0, Corruption.CORRUPTION_RANDOM_IMAGE, s < 2 ? "A" : "D", 50);
        }
        labelledReasoning(TRAFFIC);
        labelledReasoning(LABELLED_ONLY);

        Curve curve = latest(TRAFFIC);
        assertThat(curve.getUnlabelled()).isEqualTo(120);
        assertThat(curve.getJudged()).isEqualTo(8);
        assertThat(curve.getLabelFree().getUnlabelled()).isEqualTo(120);
        assertThat(curve.getLabelFree().getGroundingList()).containsExactly(
                grounding(0, 40, 36, 50), grounding(100, 40, 20, 150));
        // the labelled reasoning answers, all "7", are as stable as answers go: labels play no part
        assertThat(curve.getLabelFree().getStabilityList()).containsExactly(
                stability(Task.TASK_PERCEPTION, 20, 15), stability(Task.TASK_REASONING, 4, 4));
        // two levels, (x, y) = (50, 0.9) and (150, 0.5): normalised, a straight line from (0, 1) to (1, 0)
        assertThat(curve.getLabelFree().getLabelFreeRhAuc()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.getLabelFree().getLabelFreeReason()).isEmpty();

        // Accuracy is the labelled answers' alone: the same cells, curve and RH-AUC as without the traffic.
        Curve labelledOnly = latest(LABELLED_ONLY);
        assertThat(labelled(curve)).isEqualTo(labelled(labelledOnly));
        assertThat(curve.getPointsList()).isEqualTo(labelledOnly.getPointsList());
        assertThat(curve.getReason()).isEqualTo(labelledOnly.getReason());
        assertThat(cell(curve, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE).getJudged()).isZero();
        assertThat(cell(curve, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE).getUnlabelled()).isEqualTo(20);

        // The window counts the same: its tally gives the same grounding.
        ModelWindow window = windows.readValuesToList().stream().map(LabelFreeTopologyTest::window)
                .filter(w -> w.getModel().equals(TRAFFIC) && w.getSizeMs() == Duration.ofHours(1).toMillis())
                .reduce((first, second) -> second).orElseThrow();
        assertThat(LabelFree.of(window.getTally()).grounding()).extracting(LabelFree.Grounding::grounding).containsExactly(0.9, 0.5);
    }

    @Test
    void passiveTrafficIsKeptApartFromTheProbedCellsAndCanariesCountAsLabelled() {
        labelledReasoning(TRAFFIC);
        for (Verdict verdict : List.of(Verdict.VERDICT_CORRECT, Verdict.VERDICT_INCORRECT, Verdict.VERDICT_UNLABELLED,
                Verdict.VERDICT_UNLABELLED)) {
            send(judgment(TRAFFIC, "served" + sequence, 512, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, verdict,
                    "A", 700)
                            .mergeSample(SampleRef.newBuilder()
                                    .setOrigin(Origin.ORIGIN_TRAFFIC).build()).setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE));
        }
        send(judgment(TRAFFIC, "canary", 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_CORRECT, "B", 40)
                .mergeSample(SampleRef.newBuilder().setOrigin(Origin.ORIGIN_CANARY).build()));

        Curve curve = latest(TRAFFIC);
        assertThat(curve.getCellsList()).noneMatch(c -> c.getBudget() == 512);
        assertThat(curve.getJudged()).isEqualTo(9);
        assertThat(curve.getUnlabelled()).isZero();
        assertThat(curve.getServedList()).containsExactly(CellStats.newBuilder().setBudget(512).setTask(Task.TASK_PERCEPTION)
                .setCorruption(Corruption.CORRUPTION_NONE).setJudged(2).setCorrect(1).setUnlabelled(2).setReasoningTokens(2800).build());
        // the canary is a labelled clean perception answer at level 0: with the reasoning ones, a curve point
        assertThat(curve.getPointsList()).extracting(p -> p.getBudget()).containsExactly(0);
        assertThat(curve.getPoints(0).getPerceptionN()).isEqualTo(1);
    }

    private void perception(String sample, int budget, Corruption corruption, String answer, int tokens) {
        send(judgment(TRAFFIC, sample, budget, Task.TASK_PERCEPTION, corruption, Verdict.VERDICT_UNLABELLED, answer, tokens)
                .mergeSample(SampleRef.newBuilder()
                        .setOrigin(Origin.ORIGIN_TRAFFIC).build()).setTrafficMode(TrafficMode.TRAFFIC_MODE_ACTIVE)
                .setMethod(answer.isEmpty() ? "unlabelled:unparseable" : "unlabelled:option_letter"));
    }

    /** Two correct and two incorrect labelled clean reasoning answers at levels 0 and 100. */
    private void labelledReasoning(String model) {
        for (int budget : new int[] {0, 100}) {
            for (int i = 0; i < 4; i++) {
                send(judgment(model, "r" + i, budget, Task.TASK_REASONING, Corruption.CORRUPTION_NONE,
                        i < 2 ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT, "7", budget + 50));
            }
        }
    }

    private Judgment.Builder judgment(String model, String sample, int budget, Task task, Corruption corruption,
                                      Verdict verdict, String answer, int tokens) {
        return Judgment.newBuilder()
                .setJudgmentId(model + "|" + sample + "|" + corruption + "|" + budget + "|" + sequence++)
                .setModel(model)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sample)
                        .setTask(task)).setCorruption(corruption).setBudget(budget)
                .setVerdict(verdict).setExtractedAnswer(answer).setReasoningTokens(tokens)
                .setJudgedAtMs(1_000L + sequence);
    }

    private void send(Judgment.Builder judgment) {
        judgments.pipeInput(judgment.getModel(), judgment.build().toByteArray());
    }

    /** The model's latest curve (reading the topic consumes it, so what was read is kept). */
    private Curve latest(String model) {
        published.putAll(curves.readKeyValuesToMap());
        return parse(published.get(model));
    }

    private static GroundingPoint grounding(int budget, long pairs, long changed, double meanTokens) {
        return GroundingPoint.newBuilder().setBudget(budget).setPairs(pairs).setChanged(changed)
                .setGrounding((double) changed / pairs)
                .setGroundingCi(interval(io.rhwatch.core.scoring.Intervals.wilson(changed, pairs)))
                .setMeanReasoningTokens(meanTokens).build();
    }

    private static StabilityPoint stability(Task task, long compared, long same) {
        return StabilityPoint.newBuilder().setBudget(100).setTask(task).setCompared(compared).setSame(same)
                .setStability((double) same / compared)
                .setStabilityCi(interval(io.rhwatch.core.scoring.Intervals.wilson(same, compared))).build();
    }

    private static Interval interval(io.rhwatch.core.scoring.Interval interval) {
        return Interval.newBuilder().setLow(interval.low()).setHigh(interval.high()).build();
    }

    /** The cells' labelled counts: what accuracy is computed from. */
    private static List<List<Long>> labelled(Curve curve) {
        return curve.getCellsList().stream().filter(c -> c.getJudged() > 0)
                .map(c -> List.of((long) c.getBudget(), (long) c.getTask().getNumber(), (long) c.getCorruption().getNumber(),
                        c.getJudged(), c.getCorrect(), c.getUnparseable())).toList();
    }

    private static CellStats cell(Curve curve, int budget, Task task, Corruption corruption) {
        return curve.getCellsList().stream()
                .filter(c -> c.getBudget() == budget && c.getTask() == task && c.getCorruption() == corruption)
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + budget + "/" + task + "/" + corruption));
    }

    private static Curve parse(byte[] value) {
        return new ProtobufSerde<>(Curve.parser(), Curve.class).deserializer().deserialize(TopologyProducer.CURVES_TOPIC, value);
    }

    private static ModelWindow window(byte[] value) {
        return new ProtobufSerde<>(ModelWindow.parser(), ModelWindow.class).deserializer().deserialize(WindowedCounts.WINDOWS_TOPIC, value);
    }
}
