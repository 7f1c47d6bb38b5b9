package io.rhwatch.aggregator.readmodel;

import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.aggregator.windows.WindowedCountsFixture;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadModelTest {

    @TempDir
    Path stateDir;

    @Test
    void aStoreThatIsNotQueryableYetIsReportedWithTheStreamsState() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "read-model-test");
        // Never started, so nothing connects here.
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        RhAucHistory history = new RhAucHistory(5, Duration.ofMinutes(1));
        try (KafkaStreams streams = new KafkaStreams(new TopologyProducer(new ReadModelStores(history, change -> {
        }), WindowedCountsFixture.hourly(), Duration.ofDays(7), Duration.ofDays(7), List.of("blank_image"), 100, Duration.ZERO).buildTopology(), config)) {
            ReadModel readModel = new ReadModel(streams, history);

            assertThatThrownBy(readModel::models)
                    .isInstanceOf(ReadModelUnavailableException.class)
                    .hasMessageContaining(ReadModelStores.CURVES_STORE)
                    .hasMessageContaining("CREATED");
            assertThatThrownBy(() -> readModel.curve("sim-a"))
                    .isInstanceOf(ReadModelUnavailableException.class);
            assertThatThrownBy(() -> readModel.examples("sim-a", 5))
                    .isInstanceOf(ReadModelUnavailableException.class);
        }
    }
}
