package io.rhwatch.corruption.service;

import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.support.rejection.RecordRejectedException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the samples of rh.samples (decoded by the channel's SampleDeserializer), refusing what cannot become probes with a
 * reason that names the field.
 */
@ApplicationScoped
public class SampleReader {

    private final long maxImagePixels;
    private final ProbePlan plan;

    public SampleReader(CorruptionConfig config, ProbePlan plan) {
        this.maxImagePixels = config.maxImagePixels();
        this.plan = plan;
    }

    /** Checks the sample of a record of rh.samples (null for a record without a value); whatever is wrong is named in the exception. */
    public Sample read(Sample sample) {
        RecordRejectedException.requireValue(sample, Sample.class);
        if (sample.getSampleId().isBlank() || sample.getSampleId().indexOf('|') >= 0) {
            throw new RecordRejectedException("sample_id", "'" + sample.getSampleId()
                    + "' is empty or contains '|', which separates the parts of probe ids");
        }
        if (sample.getQuestion().isBlank()) {
            throw new RecordRejectedException("question", "is empty (sample " + sample.getSampleId() + ")");
        }
        if (sample.getImage().getData().isEmpty()) {
            throw new RecordRejectedException("image.data", "is empty (sample " + sample.getSampleId() + ")");
        }
        int width = sample.getImage().getWidth();
        int height = sample.getImage().getHeight();
        if (width <= 0 || height <= 0) {
            throw new RecordRejectedException("image.width/height", width + "x" + height
                    + " is not a size (sample " + sample.getSampleId() + ")");
        }
        if ((long) width * height > maxImagePixels) {
            throw new RecordRejectedException("image", width + "x" + height + " pixels exceeds the limit of "
                    + maxImagePixels + " (rhwatch.corruption.max-image-pixels; sample " + sample.getSampleId() + ")");
        }
        if (!sample.getTargetModel().isEmpty() && !plan.models().contains(sample.getTargetModel())) {
            throw new RecordRejectedException("target_model", "'" + sample.getTargetModel() + "' is not one of the configured models "
                    + plan.models() + " (rhwatch.corruption.models); sample " + sample.getSampleId()
                    + " was meant for that model alone, so no other model is probed");
        }
        return sample;
    }
}
