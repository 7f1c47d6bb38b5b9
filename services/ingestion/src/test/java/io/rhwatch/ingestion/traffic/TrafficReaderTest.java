package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.proto.v1.TrafficRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The router reads what POST /v1/traffic accepts: the same limits, so nothing accepted is dead-lettered for its size. */
class TrafficReaderTest {

    private final TrafficReader reader = new TrafficReader(new TrafficUnitConfig(Map.of()).ingestion());

    @Test
    void aServedOutputWithinTheServedOutputLimitIsRead() {
        // longer than an answer may be (max-answer-chars, 4096), within max-served-output-chars (16384)
        TrafficRecord record = record("x".repeat(10_000));

        assertThat(reader.read(record).getServedOutput()).hasSize(10_000);
    }

    @Test
    void aServedOutputOverItsLimitIsRefusedNamingTheLimit() {
        assertThatThrownBy(() -> reader.read(record("x".repeat(16_385))))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("rhwatch.ingestion.max-served-output-chars");
    }

    private static TrafficRecord record(String servedOutput) {
        return TrafficRecord.newBuilder().setRequestId("req-long").setModel("rh-served").setQuestion("What colour is the circle?")
                .setServedOutput(servedOutput).setServedReasoningTokens(300).build();
    }
}
