package io.rhwatch.corruption.service;

import io.rhwatch.corruption.TestSamples;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Sample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleReaderTest {

    private static final CorruptionConfig CONFIG = TestSamples.config(Map.of("rhwatch.corruption.max-image-pixels", "1000"));

    private final SampleReader reader = new SampleReader(CONFIG, new ProbePlan(CONFIG));
    private final Sample valid = TestSamples.sample("ok", 20, 20, 1);

    @Test
    void readsAValidSample() {
        assertThat(reader.read(valid.toByteArray())).isEqualTo(valid);
    }

    @Test
    void readsASampleForOneOfTheConfiguredModels() {
        Sample targeted = valid.toBuilder().setTargetModel("rh-sim-drifty").build();
        assertThat(reader.read(targeted.toByteArray())).isEqualTo(targeted);
    }

    @Test
    void refusesWhatCannotBecomeProbesNamingTheField() {
        assertRefused(new byte[]{0, 1, 2}, "not a rhwatch.v1.Sample");
        assertRefused(null, "value:");
        assertRefused(valid.toBuilder().setSampleId("").build().toByteArray(), "sample_id:");
        assertRefused(valid.toBuilder().setSampleId("a|b").build().toByteArray(), "sample_id:");
        assertRefused(valid.toBuilder().setQuestion(" ").build().toByteArray(), "question:");
        assertRefused(valid.toBuilder().clearImage().build().toByteArray(), "image.data:");
        assertRefused(valid.toBuilder().setImage(valid.getImage().toBuilder().setWidth(0)).build().toByteArray(),
                "image.width/height: 0x20");
        assertRefused(valid.toBuilder().setTargetModel("rh-unknown").build().toByteArray(),
                "target_model: 'rh-unknown' is not one of the configured models [rh-sim-steady, rh-sim-drifty]");
        assertRefused(TestSamples.sample("big", 40, 40, 2).toByteArray(),
                "image: 40x40 pixels exceeds the limit of 1000 (rhwatch.corruption.max-image-pixels");
    }

    private void assertRefused(byte[] value, String reason) {
        assertThatThrownBy(() -> reader.read(value))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith(reason);
    }
}
