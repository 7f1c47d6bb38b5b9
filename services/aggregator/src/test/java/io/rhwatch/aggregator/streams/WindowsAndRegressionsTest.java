package io.rhwatch.aggregator.streams;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.rhwatch.aggregator.regression.RegressionSettings;
import io.rhwatch.aggregator.windows.WindowKey;
import io.rhwatch.aggregator.config.WindowSettings;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelWindow;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The windowed part of the topology under the test driver: 30 s windows (and 5 min ones) of a model judged at two
 * budgets; every window of every size is published on rh.windows and read back into the read model's global store.
 * Whether a drop is raised and a steady model is not is measured in {@code RegressionRuleTest} (the rule) and
 * its absence is served in {@code ModelResourceTest}; a simulation here at the window sizes the test driver finishes in time
 * (40 samples a cell) was too small to tell a drop from noise at the configured error rates.
 */
class WindowsAndRegressionsTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final long T0 = 1_800_000_000_000L; // a multiple of 30 s
    private static final int[] BUDGETS = {0, 400};
    private static final double[] PERCEPTION = {0.86, 0.83};
    private static final double[] REASONING = {0.35, 0.76};
    private static final String STEADY = "sim-steady";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> judgments;
    private TestOutputTopic<String, byte[]> windows;
    private final SplittableRandom random = new SplittableRandom(2026);
    private int sequence;

    @BeforeEach
    void start() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "windows-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        WindowedCounts counts = new WindowedCounts(
                WindowSettings.of(List.of(WINDOW, Duration.ofMinutes(5)), Duration.ofSeconds(5), Duration.ofHours(1)),
                RegressionSettings.of(WINDOW, 0.05, 30, 0.05));
        driver = new TopologyTestDriver(new TopologyProducer(new ReadModelStores(new RhAucHistory(10, Duration.ofSeconds(1)), change -> {
        }), counts, Duration.ofDays(7), Duration.ofDays(7), List.of("blank_image"), 100, Duration.ZERO).buildTopology(), config);
        judgments = driver.createInputTopic(TopologyProducer.JUDGMENTS_TOPIC, new StringSerializer(), new ByteArraySerializer());
        windows = driver.createOutputTopic(WindowedCounts.WINDOWS_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyWindowOfEverySizeIsPublishedAndReadBackForAllPartitions() throws InvalidProtocolBufferException {
        for (int window = 0; window < 3; window++) {
            for (int sample = 0; sample < 5; sample++) {
                sample(STEADY, T0 + window * WINDOW.toMillis() + sample * 1000, PERCEPTION);
            }
        }
        // A judgment later than the grace for the first window is not counted there.
        send(STEADY, T0 + 5_000, Task.TASK_PERCEPTION, 0, true);

        Map<String, byte[]> latest = windows.readKeyValuesToMap();
        long size = WINDOW.toMillis();
        assertThat(latest).containsOnlyKeys(WindowKey.of(STEADY, size, T0), WindowKey.of(STEADY, size, T0 + size),
                WindowKey.of(STEADY, size, T0 + 2 * size), WindowKey.of(STEADY, 300_000, T0));
        ModelWindow first = ModelWindow.parseFrom(latest.get(WindowKey.of(STEADY, size, T0)));
        assertThat(first.getModel()).isEqualTo(STEADY);
        assertThat(first.getStartMs()).isEqualTo(T0);
        assertThat(first.getEndMs()).isEqualTo(T0 + size);
        assertThat(first.getTally().getJudged()).isEqualTo(5 * 2 * BUDGETS.length);
        assertThat(ModelWindow.parseFrom(latest.get(WindowKey.of(STEADY, 300_000, T0))).getTally().getJudged())
                .isEqualTo(3 * 5 * 2 * BUDGETS.length + 1);

        KeyValueStore<String, ModelWindow> readModel = driver.getKeyValueStore(ReadModelStores.WINDOWS_STORE);
        assertThat(readModel.get(WindowKey.of(STEADY, size, T0))).isEqualTo(first);
    }

    /** One reasoning and one perception sample, each judged at every budget. */
    private void sample(String model, long at, double[] perception) {
        for (int l = 0; l < BUDGETS.length; l++) {
            send(model, at, Task.TASK_PERCEPTION, BUDGETS[l], random.nextDouble() < perception[l]);
            send(model, at, Task.TASK_REASONING, BUDGETS[l], random.nextDouble() < REASONING[l]);
        }
    }

    private void send(String model, long at, Task task, int budget, boolean correct) {
        Judgment judgment = Judgment.newBuilder().setJudgmentId("j" + sequence++)
                .setSample(SampleRef.newBuilder()
                        .setSampleId("s" + sequence)
                        .setTask(task)).setModel(model)
                .setBudget(budget).setVerdict(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                .setJudgedAtMs(at).build();
        judgments.pipeInput(model, judgment.toByteArray(), at);
    }
}
