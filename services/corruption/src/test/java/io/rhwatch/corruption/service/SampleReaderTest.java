package io.rhwatch.corruption.service;

import io.rhwatch.corruption.TestSamples;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.support.rejection.RecordRejectedException;
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
        assertThat(reader.read(valid)).isEqualTo(valid);
    }

    @Test
    void readsASampleForOneOfTheConfiguredModels() {
        Sample targeted = valid.toBuilder().setTargetModel("rh-sim-drifty").build();
        assertThat(reader.read(targeted)).isEqualTo(targeted);
    }

    @Test
    void refusesWhatCannotBecomeProbesNamingTheField() {
        assertRefused(null, "value:");
        assertRefused(valid.toBuilder().setSampleId("").build(), "sample_id:");
        assertRefused(valid.toBuilder().setSampleId("a|b").build(), "sample_id:");
        assertRefused(valid.toBuilder().setQuestion(" ").build(), "question:");
        assertRefused(valid.toBuilder().clearImage().build(), "image.data:");
        assertRefused(valid.toBuilder().setImage(valid.getImage().toBuilder().setWidth(0)).build(),
                "image.width/height: 0x20");
        assertRefused(valid.toBuilder().setTargetModel("rh-unknown").build(),
                "target_model: 'rh-unknown' is not one of the configured models [rh-sim-steady, rh-sim-drifty]");
        assertRefused(TestSamples.sample("big", 40, 40, 2),
                "image: 40x40 pixels exceeds the limit of 1000 (rhwatch.corruption.max-image-pixels");
    }

    private void assertRefused(Sample sample, String reason) {
        assertThatThrownBy(() -> reader.read(sample))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageStartingWith(reason);
    }
}
