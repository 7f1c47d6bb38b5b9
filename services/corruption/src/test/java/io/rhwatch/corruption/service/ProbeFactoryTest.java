package io.rhwatch.corruption.service;

import io.rhwatch.core.Labels;
import io.rhwatch.core.SampleRefs;
import io.rhwatch.corruption.TestSamples;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeFactoryTest {

    private static final CorruptionConfig DEFAULTS = TestSamples.config(Map.of());

    private final ProbeFactory factory = new ProbeFactory(new ProbePlan(DEFAULTS), DEFAULTS, new SimpleMeterRegistry());
    private final Sample sample = TestSamples.sample("s1", 30, 20, 1);

    @Test
    void everyModelGetsTheCleanProbeAndOnePerCorruptionWithAllBudgets() {
        List<Probe> probes = factory.probes(sample);

        assertThat(probes).extracting(Probe::getProbeId).containsExactly(
                "s1|rh-sim-steady|clean", "s1|rh-sim-steady|blank_image", "s1|rh-sim-steady|random_image",
                "s1|rh-sim-steady|text_removal",
                "s1|rh-sim-drifty|clean", "s1|rh-sim-drifty|blank_image", "s1|rh-sim-drifty|random_image",
                "s1|rh-sim-drifty|text_removal");
        for (Probe probe : probes) {
            assertThat(probe.getSample()).as("every probe, clean or corrupted").isEqualTo(SampleRefs.of(sample));
            assertThat(probe.getSample().getSampleId()).isEqualTo("s1");
            assertThat(probe.getBudgetsList()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);
            assertThat(probe.getSample().getChoicesList()).containsExactly("4", "5");
            assertThat(probe.getSample().getGroundTruth()).isEqualTo("5");
            assertThat(probe.getCreatedAtMs()).isPositive();
            assertThat(probe.getProbeId()).isEqualTo("s1|" + probe.getModel() + "|"
                    + Labels.of(probe.getCorruption()));
        }
    }

    /** Traffic and canaries name one model: only it is probed, and every probe carries where the sample came from. */
    @Test
    void aSampleForOneModelBecomesThatModelsProbesCarryingItsOriginAndRequest() {
        Sample traffic = sample.toBuilder().setSampleId("traffic:req-7").setOrigin(Origin.ORIGIN_TRAFFIC)
                .setTargetModel("rh-sim-drifty").setTargetModelVersion("v2").setRequestId("req-7").build();

        List<Probe> probes = factory.probes(traffic);

        assertThat(probes).extracting(Probe::getProbeId).containsExactly(
                "traffic:req-7|rh-sim-drifty|clean", "traffic:req-7|rh-sim-drifty|blank_image",
                "traffic:req-7|rh-sim-drifty|random_image", "traffic:req-7|rh-sim-drifty|text_removal");
        assertThat(probes).allSatisfy(probe -> {
            assertThat(probe.getModel()).isEqualTo("rh-sim-drifty");
            assertThat(probe.getModelVersion()).isEqualTo("v2");
            assertThat(probe.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
            assertThat(probe.getSample().getRequestId()).isEqualTo("req-7");
        });
        assertThat(factory.probes(sample)).allSatisfy(probe -> {
            assertThat(probe.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_BENCHMARK);
            assertThat(probe.getModelVersion()).isEmpty();
        });
    }

    /** A re-evaluation (a higher epoch) gets probe ids of its own, so its answers and judgments count again. */
    @Test
    void aSampleOfANewEpochGetsProbesOfItsOwn() {
        Sample again = sample.toBuilder().setEpoch(2).build();
        List<Probe> probes = factory.probes(again);

        assertThat(probes).extracting(Probe::getProbeId).contains("s1|e2|rh-sim-steady|clean", "s1|e2|rh-sim-drifty|text_removal");
        assertThat(probes).allSatisfy(probe -> {
            assertThat(probe.getSample().getEpoch()).isEqualTo(2);
            assertThat(probe.getSample().getSampleId()).isEqualTo("s1");
        });
    }

    @Test
    void eachCorruptionAltersOnlyItsEvidence() {
        Map<Corruption, Probe> steady = factory.probes(sample)
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
        DonorPool.Donor donor = DonorPool.bundled(64).donorFor(sample).donor();
        assertThat(random.getQuestion()).isEqualTo(sample.getQuestion());
        assertThat(random.getImageDonorSampleId()).as("a bundled donor, chosen by the sample id").isEqualTo(donor.donorId())
                .startsWith("rhb-" + DonorPool.BUNDLED_SEED + "-");
        assertThat(random.getImage()).isEqualTo(donor.image());
        assertThat(random.hasSampleImage()).as("only for a judge that sees images").isFalse();

        Probe textRemoved = steady.get(Corruption.CORRUPTION_TEXT_REMOVAL);
        assertThat(textRemoved.getQuestion()).isEqualTo("Answer with a number.");
        assertThat(textRemoved.getImage().getData()).isSameAs(sample.getImage().getData());
        assertThat(textRemoved.getSample().getChoicesList()).containsExactly("4", "5");
    }

    @Test
    void followsTheConfiguredModelsBudgetsAndCorruptions() {
        CorruptionConfig config = TestSamples.config(Map.of(
                "rhwatch.corruption.models", "m1",
                "rhwatch.corruption.budgets", "0,10",
                "rhwatch.corruption.corruptions", "text_removal"));
        List<Probe> probes = new ProbeFactory(new ProbePlan(config), config, new SimpleMeterRegistry()).probes(sample);

        assertThat(probes).extracting(Probe::getProbeId).containsExactly("s1|m1|clean", "s1|m1|text_removal");
        assertThat(probes.get(1).getBudgetsList()).containsExactly(0, 10);
    }

    @Test
    void forAJudgeThatSeesImagesCorruptedOpenEndedPerceptionProbesCarryTheSamplesOwnImage() {
        CorruptionConfig config = TestSamples.config(Map.of("rhwatch.corruption.image-for-judge", "true"));
        ProbeFactory seeing = new ProbeFactory(new ProbePlan(config), config, new SimpleMeterRegistry());
        Sample openEnded = sample.toBuilder().setTask(Task.TASK_PERCEPTION)
                .setQuestionType(QuestionType.QUESTION_TYPE_FREE_FORM).build();

        for (Probe probe : seeing.probes(openEnded)) {
            boolean corrupted = probe.getCorruption() != Corruption.CORRUPTION_NONE;
            assertThat(probe.hasSampleImage()).as(probe.getProbeId()).isEqualTo(corrupted);
            if (corrupted) {
                assertThat(probe.getSampleImage().getData()).isSameAs(sample.getImage().getData());
            }
        }
        assertThat(seeing.probes(sample)).as("a reasoning sample is not rated").noneMatch(Probe::hasSampleImage);
    }
}
