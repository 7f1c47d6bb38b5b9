package io.rhwatch.aggregator.service;

import io.rhwatch.aggregator.streams.TopologyProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TallyQueriesTest {

    @TempDir
    Path stateDir;

    @Test
    void aStoreThatIsNotQueryableYetIsReportedWithTheStreamsState() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "tally-queries-test");
        // Never started, so nothing connects here.
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(
                new TopologyProducer(new ScorecardCache(), Duration.ofDays(7), Duration.ofDays(7), List.of("blank_image")).buildTopology(), config)) {
            TallyQueries queries = new TallyQueries(streams);

            assertThatThrownBy(queries::all)
                    .isInstanceOf(TalliesUnavailableException.class)
                    .hasMessageContaining("model-tallies")
                    .hasMessageContaining("CREATED");
            assertThatThrownBy(() -> queries.find("sim-a"))
                    .isInstanceOf(TalliesUnavailableException.class);
        }
    }
}
