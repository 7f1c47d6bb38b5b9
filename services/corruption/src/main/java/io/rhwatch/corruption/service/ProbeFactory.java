package io.rhwatch.corruption.service;

import io.rhwatch.core.Labels;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Sample;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a sample into its probes: for every configured model, the clean probe and one per configured
 * corruption, each carrying all budget levels. Images are shared, never copied: protobuf's ByteString is immutable.
 */
@ApplicationScoped
public class ProbeFactory {

    private final ProbePlan plan;
    private final BlankImages blanks;

    public ProbeFactory(ProbePlan plan, CorruptionConfig config) {
        this.plan = plan;
        this.blanks = new BlankImages(config.blankCacheSize());
    }

    /** The probes of one sample; {@code donor} must be present when random_image is configured. */
    public List<Probe> probes(Sample sample, Optional<DonorPool.Donor> donor) {
        Probe clean = Probe.newBuilder()
                .setSampleId(sample.getSampleId())
                .setCorruption(Corruption.CORRUPTION_NONE)
                .setTask(sample.getTask())
                .setQuestionType(sample.getQuestionType())
                .setQuestion(sample.getQuestion())
                .addAllChoices(sample.getChoicesList())
                .setAnswer(sample.getAnswer())
                .setImage(sample.getImage())
                .addAllBudgets(plan.budgets())
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
        List<Probe> variants = new ArrayList<>(1 + plan.corruptions().size());
        variants.add(clean);
        for (Corruption corruption : plan.corruptions()) {
            Probe.Builder variant = clean.toBuilder().setCorruption(corruption);
            switch (corruption) {
                case CORRUPTION_BLANK_IMAGE -> variant.setImage(
                        blanks.blank(sample.getImage().getWidth(), sample.getImage().getHeight()));
                case CORRUPTION_RANDOM_IMAGE -> {
                    DonorPool.Donor from = donor.orElseThrow(() -> new IllegalStateException(
                            "random_image needs a donor image for sample " + sample.getSampleId()));
                    variant.setImage(from.image()).setImageDonorSampleId(from.sampleId());
                }
                case CORRUPTION_TEXT_REMOVAL -> variant.setQuestion(TextRemoval.strip(sample.getQuestion()));
                default -> throw new IllegalStateException("no rule for corruption " + corruption);
            }
            variants.add(variant.build());
        }

        List<Probe> probes = new ArrayList<>(plan.models().size() * variants.size());
        for (String model : plan.models()) {
            for (Probe variant : variants) {
                probes.add(variant.toBuilder()
                        .setModel(model)
                        .setProbeId(sample.getSampleId() + "|" + model + "|" + Labels.of(variant.getCorruption()))
                        .build());
            }
        }
        return probes;
    }
}
