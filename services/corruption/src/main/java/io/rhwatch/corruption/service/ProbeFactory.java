package io.rhwatch.corruption.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.SampleRefs;
import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a sample into its probes: for every configured model (or only the sample's target model, for traffic and
 * canaries), the clean probe and one per configured corruption, each carrying all budget levels and the sample's
 * reference ({@link SampleRefs}). Images are shared, never copied: protobuf's ByteString is immutable.
 * random_image takes its donor from the {@link DonorPool}, built at start-up when random_image is configured; a
 * donor of the sample's own subset, when no other exists, is counted as
 * {@code rhwatch_corruption_donor_subset_rule_dropped_total}.
 */
@ApplicationScoped
public class ProbeFactory {

    private final ProbePlan plan;
    private final BlankImages blanks;
    private final Optional<DonorPool> donors;
    private final boolean imageForJudge;
    private final Counter subsetRuleDropped;

    public ProbeFactory(ProbePlan plan, CorruptionConfig config, MeterRegistry registry) {
        this.plan = plan;
        this.blanks = new BlankImages(config.blankCacheSize());
        this.donors = plan.needsDonors()
                ? Optional.of(config.donorImages()
                        .map(directory -> DonorPool.fromDirectory(directory, config.maxImagePixels()))
                        .orElseGet(() -> DonorPool.bundled(config.donorPoolSize())))
                : Optional.empty();
        this.imageForJudge = config.imageForJudge();
        this.subsetRuleDropped = registry.counter("rhwatch.corruption.donor.subset.rule.dropped");
    }

    /** The probes of one sample. */
    public List<Probe> probes(Sample sample) {
        Probe clean = Probe.newBuilder()
                .setSample(SampleRefs.of(sample))
                .setCorruption(Corruption.CORRUPTION_NONE)
                .setQuestion(sample.getQuestion())
                .setImage(sample.getImage())
                .addAllBudgets(plan.budgets())
                .setCreatedAtMs(System.currentTimeMillis())
                .setModelVersion(sample.getTargetModelVersion())
                .build();
        List<Probe> variants = new ArrayList<>(1 + plan.corruptions().size());
        variants.add(clean);
        for (Corruption corruption : plan.corruptions()) {
            Probe.Builder variant = clean.toBuilder().setCorruption(corruption);
            switch (corruption) {
                case CORRUPTION_BLANK_IMAGE -> variant.setImage(
                        blanks.blank(sample.getImage().getWidth(), sample.getImage().getHeight()));
                case CORRUPTION_RANDOM_IMAGE -> {
                    DonorPool.Choice choice = donors.orElseThrow().donorFor(sample);
                    if (choice.subsetRuleDropped()) {
                        subsetRuleDropped.increment();
                    }
                    variant.setImage(choice.donor().image()).setImageDonorSampleId(choice.donor().donorId());
                }
                case CORRUPTION_TEXT_REMOVAL -> variant.setQuestion(TextRemoval.strip(sample.getQuestion()));
                default -> throw new IllegalStateException("no rule for corruption " + corruption);
            }
            if (imageForJudge && sample.getTask() == Task.TASK_PERCEPTION
                    && sample.getQuestionType() == QuestionType.QUESTION_TYPE_FREE_FORM) {
                // the judge rates the answer against the sample's own image, not the one the model was shown
                variant.setSampleImage(sample.getImage());
            }
            variants.add(variant.build());
        }

        // SampleReader let a target model through only if it is configured
        List<String> models = sample.getTargetModel().isEmpty() ? plan.models() : List.of(sample.getTargetModel());
        List<Probe> probes = new ArrayList<>(models.size() * variants.size());
        for (String model : models) {
            for (Probe variant : variants) {
                probes.add(variant.toBuilder()
                        .setModel(model)
                        .setProbeId(RecordIds.probe(sample.getSampleId(), sample.getEpoch(), model, variant.getCorruption()))
                        .build());
            }
        }
        return probes;
    }
}
