package io.rhwatch.support.serde;

import io.rhwatch.proto.v1.Probe;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerdeTest {

    @Test
    void aProbeSurvivesTheRoundTrip() {
        Probe probe = Probe.newBuilder().setProbeId("s1|m|clean").setModel("m").addBudgets(4).build();

        byte[] bytes = new ProbeSerializer().serialize("rh.probes", probe);

        assertThat(new ProbeDeserializer().deserialize("rh.probes", bytes)).isEqualTo(probe);
    }

    @Test
    void aTombstoneStaysNull() {
        assertThat(new ProbeSerializer().serialize("rh.probes", null)).isNull();
        assertThat(new ProbeDeserializer().deserialize("rh.probes", null)).isNull();
    }

    @Test
    void bytesThatAreNotTheTypeFailNamingTheValueTheTypeAndTheTopic() {
        assertThatThrownBy(() -> new ProbeDeserializer().deserialize("rh.probes", "not a probe".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("value: not a rhwatch.v1.Probe (record on rh.probes): ");
    }
}
