package io.rhwatch.aggregator.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.rhwatch.aggregator.regression.RegressionSettings;
import io.rhwatch.aggregator.config.WindowSettings;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionBaselineKind;
import io.rhwatch.proto.v1.RegressionFinding;
import io.rhwatch.proto.v1.RegressionState;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhwatch.aggregator.regression.baseline=version:V} under the test driver: a new version of a model that
 * perceives worse than the pinned version from its very first window is flagged against the pinned version's whole
 * run, read from the read model's curves; with the previous-window baseline the same traffic raises nothing, since
 * the new version has no earlier window to be worse than. Outcomes are laid out, not drawn, so the drop is exact:
 * perception at budget 400 is 90% right for v1 and 40% for v2, at budget 0 both are 90%.
 */
class PinnedBaselineTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long T0 = 1_800_000_000_000L; // a multiple of 30 s
    private static final int SAMPLES = 20;
    private static final String NAME = "sim";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private int sequence;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aNewVersionWorseThanThePinnedOneIsFlaggedFromItsFirstWindow() throws InvalidProtocolBufferException {
        start("version:v1");
        TestInputTopic<String, byte[]> judgments = judgments();
        feed(judgments, "v1", T0, 0.9);
        feed(judgments, "v2", T0 + WINDOW.toMillis(), 0.4);

        List<RegressionAlert> alerts = alerts();
        assertThat(alerts).extracting(RegressionAlert::getModel).containsExactly(NAME + "@v2");
        RegressionAlert alert = alerts.get(0);
        assertThat(alert.getState()).isEqualTo(RegressionState.REGRESSION_RAISED);
        assertThat(alert.getBaselineModel()).isEqualTo(NAME + "@v1");
        assertThat(alert.getBaselineStartMs()).isZero();
        assertThat(alert.getBaselineKind()).isEqualTo(RegressionBaselineKind.REGRESSION_BASELINE_PINNED_VERSION);
        assertThat(alert.getCurrentStartMs()).isEqualTo(T0 + WINDOW.toMillis());
        RegressionFinding finding = alert.getFindings(0);
        assertThat(finding.getMetric()).isEqualTo("perception_accuracy");
        assertThat(finding.getBudget()).isEqualTo(400);
        assertThat(finding.getBaselineValue()).isEqualTo(0.9);
        assertThat(finding.getBaselineN()).as("the pinned version's whole run").isEqualTo(SAMPLES);
        assertThat(finding.getDifferenceCi().getHigh()).isNegative();
        assertThat(alert.getFindingsList()).extracting(RegressionFinding::getBudget).doesNotContain(0);

        KeyValueStore<String, RegressionAlert> served = driver.getKeyValueStore(ReadModelStores.REGRESSIONS_STORE);
        assertThat(served.get(NAME + "@v2")).isEqualTo(alert);
        assertThat(served.get(NAME + "@v1")).as("the pinned version is watched against its own previous window").isNull();
    }

    @Test
    void withThePreviousWindowAsBaselineTheSameTrafficRaisesNothing() throws InvalidProtocolBufferException {
        start("previous");
        TestInputTopic<String, byte[]> judgments = judgments();
        feed(judgments, "v1", T0, 0.9);
        feed(judgments, "v2", T0 + WINDOW.toMillis(), 0.4);

        assertThat(alerts()).isEmpty();
    }

    private void start(String baseline) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pinned-baseline-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        WindowedCounts counts = new WindowedCounts(WindowSettings.of(List.of(WINDOW), Duration.ofSeconds(5), Duration.ofHours(1)),
                RegressionSettings.of(WINDOW, 0.05, 10, 0.05, baseline));
        driver = new TopologyTestDriver(new TopologyProducer(new ReadModelStores(new RhAucHistory(10, Duration.ofSeconds(1)), change -> {
        }), counts, Duration.ofDays(7), Duration.ofDays(7), List.of("blank_image"), 100, Duration.ZERO).buildTopology(), config);
    }

    private TestInputTopic<String, byte[]> judgments() {
        return driver.createInputTopic(TopologyProducer.JUDGMENTS_TOPIC, new StringSerializer(), new ByteArraySerializer());
    }

    private List<RegressionAlert> alerts() throws InvalidProtocolBufferException {
        List<RegressionAlert> alerts = new ArrayList<>();
        for (byte[] value : driver.createOutputTopic(WindowedCounts.ALERTS_TOPIC, new StringDeserializer(), new ByteArrayDeserializer())
                .readValuesToList()) {
            alerts.add(RegressionAlert.parseFrom(value));
        }
        return alerts;
    }

    /**
     * {@link #SAMPLES} perception samples of {@code version}, one a second from {@code start}, each judged clean at
     * budgets 0 (90% right) and 400 ({@code perceptionAt400} right, spread evenly over the samples).
     */
    private void feed(TestInputTopic<String, byte[]> judgments, String version, long start, double perceptionAt400) {
        for (int i = 0; i < SAMPLES; i++) {
            long at = start + i * 500L;
            send(judgments, version, at, i, 0, i % 10 != 0);
            send(judgments, version, at, i, 400, (i % 10) < Math.round(perceptionAt400 * 10));
        }
    }

    private void send(TestInputTopic<String, byte[]> judgments, String version, long at, int sample, int budget, boolean correct) {
        Judgment judgment = Judgment.newBuilder().setJudgmentId(version + "-j" + sequence++)
                .setSample(SampleRef.newBuilder()
                        .setSampleId("s" + sample)
                        .setTask(Task.TASK_PERCEPTION))
                .setModel(NAME).setModelVersion(version).setBudget(budget)
                .setVerdict(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT).setJudgedAtMs(at).build();
        judgments.pipeInput(NAME, judgment.toByteArray(), at);
    }
}
