package io.rhwatch.aggregator.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.rhwatch.aggregator.regression.RegressionDetector;
import io.rhwatch.aggregator.regression.RegressionSettings;
import io.rhwatch.aggregator.config.WindowSettings;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionBaselineKind;
import io.rhwatch.proto.v1.RegressionState;
import io.rhwatch.proto.v1.RegressionWatch;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad deploy in the middle of a window, under the test driver with laid-out outcomes: perception at budget 400 is
 * 90% right in window 0, 90% then 60% in window 1 (the switch halfway), 60% in window 2; budget 0 stays at 90%. The
 * half-bad window 1 is not significantly worse than window 0, nor window 2 than window 1: against its previous
 * window alone the drop is never found. Window 2 against the window before the previous one is, and the alert names
 * that baseline.
 */
class RegressionMidWindowSwitchTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long T0 = 1_800_000_000_000L; // a multiple of 30 s
    private static final int SAMPLES = 60;
    private static final String MODEL = "sim";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> judgments;
    private int sequence;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "mid-window-switch-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        WindowedCounts counts = new WindowedCounts(WindowSettings.of(List.of(WINDOW), Duration.ofSeconds(5), Duration.ofHours(1)),
                RegressionSettings.of(WINDOW, 0.05, 10, 0.05));
        driver = new TopologyTestDriver(new TopologyProducer(new ReadModelStores(new RhAucHistory(10, Duration.ofSeconds(1)), change -> {
        }), counts, Duration.ofDays(7), Duration.ofDays(7), List.of("blank_image"), 100, Duration.ZERO).buildTopology(), config);
        judgments = driver.createInputTopic(TopologyProducer.JUDGMENTS_TOPIC, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aSwitchHalfwayThroughAWindowIsRaisedAgainstTheWindowBeforeIt() throws InvalidProtocolBufferException {
        long size = WINDOW.toMillis();
        feed(T0, 0.9, 0.9);
        feed(T0 + size, 0.9, 0.6);
        assertThat(alerts()).as("window 1, half bad, against window 0").isEmpty();
        feed(T0 + 2 * size, 0.6, 0.6);
        send(T0 + 3 * size, 0, 0, true); // window 3's first judgment: window 2 is complete

        KeyValueStore<String, RegressionWatch> watches = driver.getKeyValueStore(RegressionDetector.STORE);
        assertThat(watches.get(MODEL).getBeforePrevious().getStartMs()).isEqualTo(T0 + size);
        List<RegressionAlert> alerts = alerts();
        assertThat(alerts).hasSize(1);
        RegressionAlert alert = alerts.get(0);
        assertThat(alert.getState()).isEqualTo(RegressionState.REGRESSION_RAISED);
        assertThat(alert.getBaselineKind()).isEqualTo(RegressionBaselineKind.REGRESSION_BASELINE_BEFORE_PREVIOUS_WINDOW);
        assertThat(alert.getBaselineStartMs()).isEqualTo(T0);
        assertThat(alert.getCurrentStartMs()).isEqualTo(T0 + 2 * size);
        assertThat(alert.getFindingsList()).singleElement().satisfies(finding -> {
            assertThat(finding.getBudget()).isEqualTo(400);
            assertThat(finding.getBaselineValue()).isEqualTo(0.9);
            assertThat(finding.getCurrentValue()).isEqualTo(0.6);
        });
        assertThat(driver.<String, RegressionAlert>getKeyValueStore(ReadModelStores.REGRESSIONS_STORE).get(MODEL)).isEqualTo(alert);
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
     * {@link #SAMPLES} perception samples from {@code start}, 0.4 s apart, each judged clean at budgets 0 (90% right)
     * and 400 (the first half {@code firstHalf} right, the second half {@code secondHalf}, spread evenly).
     */
    private void feed(long start, double firstHalf, double secondHalf) {
        for (int i = 0; i < SAMPLES; i++) {
            long at = start + i * 400L;
            double share = i < SAMPLES / 2 ? firstHalf : secondHalf;
            send(at, i, 0, i % 10 != 0);
            send(at, i, 400, (i % 10) < Math.round(share * 10));
        }
    }

    private void send(long at, int sample, int budget, boolean correct) {
        Judgment judgment = Judgment.newBuilder().setJudgmentId("j" + sequence++)
                .setSample(SampleRef.newBuilder()
                        .setSampleId("s" + at / 30_000 + "-" + sample)
                        .setTask(Task.TASK_PERCEPTION))
                .setModel(MODEL).setBudget(budget)
                .setVerdict(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT).setJudgedAtMs(at).build();
        judgments.pipeInput(MODEL, judgment.toByteArray(), at);
    }
}
