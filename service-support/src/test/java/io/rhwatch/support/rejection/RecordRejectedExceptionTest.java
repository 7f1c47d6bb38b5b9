package io.rhwatch.support.rejection;

import io.rhwatch.proto.v1.Probe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordRejectedExceptionTest {

    @Test
    void aRecordWithoutAValueIsRefusedAsFieldValueNamingTheExpectedType() {
        assertThatThrownBy(() -> RecordRejectedException.requireValue(null, Probe.class))
                .isInstanceOfSatisfying(RecordRejectedException.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("value");
                    assertThat(rejected.getMessage()).isEqualTo("value: the record has none (a tombstone?); expected a rhwatch.v1.Probe");
                });
    }

    @Test
    void aValueIsPassedThrough() {
        Probe probe = Probe.newBuilder().setProbeId("p").build();

        assertThat(RecordRejectedException.requireValue(probe, Probe.class)).isSameAs(probe);
    }
}
