package io.rhwatch.corruption.service;

import io.rhwatch.core.Labels;
import io.rhwatch.corruption.TestSamples;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeFactoryTest {

    private static final CorruptionConfig DEFAULTS = TestSamples.config(Map.of());

    private final ProbeFactory factory = new ProbeFactory(new ProbePlan(DEFAULTS), DEFAULTS);
    private final Sample sample = TestSamples.sample("s1", 30, 20, 1);
    private final Sample donor = TestSamples.sample("s2", 16, 16, 2);

    @Test
    void everyModelGetsTheCleanProbeAndOnePerCorruptionWithAllBudgets() {
        List<Probe> probes = factory.probes(sample, Optional.of(new DonorPool.Donor("s2", donor.getImage())));

        assertThat(probes).extracting(Probe::getProbeId).containsExactly(
                "s1|rh-sim-steady|clean", "s1|rh-sim-steady|blank_image", "s1|rh-sim-steady|random_image",
                "s1|rh-sim-steady|text_removal",
                "s1|rh-sim-drifty|clean", "s1|rh-sim-drifty|blank_image", "s1|rh-sim-drifty|random_image",
                "s1|rh-sim-drifty|text_removal");
        for (Probe probe : probes) {
            assertThat(probe.getSampleId()).isEqualTo("s1");
            assertThat(probe.getBudgetsList()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);
            assertThat(probe.getTask()).isEqualTo(sample.getTask());
            assertThat(probe.getQuestionType()).isEqualTo(sample.getQuestionType());
            assertThat(probe.getChoicesList()).containsExactly("4", "5");
            assertThat(probe.getAnswer()).isEqualTo("5");
            assertThat(probe.getCreatedAtMs()).isPositive();
            assertThat(probe.getProbeId()).isEqualTo("s1|" + probe.getModel() + "|"
                    + Labels.of(probe.getCorruption()));
        }
    }

    @Test
    void eachCorruptionAltersOnlyItsEvidence() {
        Map<Corruption, Probe> steady = factory.probes(sample, Optional.of(new DonorPool.Donor("s2", donor.getImage())))
                .stream().filter(p -> p.getModel().equals("rh-sim-steady"))
                .collect(Collectors.toMap(Probe::getCorruption, p -> p));

        Probe clean = steady.get(Corruption.CORRUPTION_NONE);
        assertThat(clean.getQuestion()).isEqualTo(sample.getQuestion());
        assertThat(clean.getImage().getData()).as("shared, not copied").isSameAs(sample.getImage().getData());
        assertThat(clean.getImageDonorSampleId()).isEmpty();

        Probe blank = steady.get(Corruption.CORRUPTION_BLANK_IMAGE);
        assertThat(blank.getQuestion()).isEqualTo(sample.getQuestion());
        assertThat(blank.getImage().getWidth()).isEqualTo(30);
        assertThat(blank.getImage().getHeight()).isEqualTo(20);
        assertThat(blank.getImage().getData()).isNotEqualTo(sample.getImage().getData());

        Probe random = steady.get(Corruption.CORRUPTION_RANDOM_IMAGE);
        assertThat(random.getQuestion()).isEqualTo(sample.getQuestion());
        assertThat(random.getImage()).isEqualTo(donor.getImage());
        assertThat(random.getImage().getData()).isSameAs(donor.getImage().getData());
        assertThat(random.getImageDonorSampleId()).isEqualTo("s2");

        Probe textRemoved = steady.get(Corruption.CORRUPTION_TEXT_REMOVAL);
        assertThat(textRemoved.getQuestion()).isEqualTo("Answer with a number.");
        assertThat(textRemoved.getImage().getData()).isSameAs(sample.getImage().getData());
        assertThat(textRemoved.getChoicesList()).containsExactly("4", "5");
    }

    @Test
    void followsTheConfiguredModelsBudgetsAndCorruptions() {
        CorruptionConfig config = TestSamples.config(Map.of(
                "rhwatch.corruption.models", "m1",
                "rhwatch.corruption.budgets", "0,10",
                "rhwatch.corruption.corruptions", "text_removal"));
        List<Probe> probes = new ProbeFactory(new ProbePlan(config), config).probes(sample, Optional.empty());

        assertThat(probes).extracting(Probe::getProbeId).containsExactly("s1|m1|clean", "s1|m1|text_removal");
        assertThat(probes.get(1).getBudgetsList()).containsExactly(0, 10);
    }

    @Test
    void randomImageWithoutADonorIsAnError() {
        assertThatThrownBy(() -> factory.probes(sample, Optional.empty()))
                .hasMessageContaining("random_image needs a donor image for sample s1");
    }
}
