package io.rhwatch.support.serde;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UndecodableRecordsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UndecodableRecords handler = new UndecodableRecords(registry);

    @Test
    void anUndecodableValueIsDroppedWithSmallRyesMarkKeptAndCountedAsADeadLetter() {
        byte[] garbage = {(byte) 0xFF, (byte) 0xFF};
        RecordHeaders headers = new RecordHeaders();

        // as SmallRye's DeserializerWrapper calls it when the channel's deserializer failed
        Object fallback = handler.decorateDeserialization(
                Uni.createFrom().failure(new SerializationException("value: not a rhwatch.v1.Probe")),
                "rh.probes", false, ProbeDeserializer.class.getName(), garbage, headers);

        assertThat(fallback).isNull();
        assertThat(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DLQ))
                .as("the mark that makes the Kafka source dead-letter it").isNotNull();
        assertThat(new String(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON).value()))
                .isEqualTo("value: not a rhwatch.v1.Probe");
        assertThat(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_VALUE_DATA).value()).isEqualTo(garbage);
        assertThat(headers.lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA))
                .as("the bytes are carried once").isNull();
        assertThat(registry.get("rhwatch.dead.letters").tags("topic", "rh.probes", "reason", "value").counter().count())
                .isEqualTo(1.0);
    }
}
