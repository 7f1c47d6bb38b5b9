package io.rhwatch.corruption.config;

import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Corruption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which probes each sample becomes: per model, the clean probe plus one per corruption, each carrying every budget level;
 * all under {@code rhwatch.corruption}, the single source of every default. A value out of range stops the service at
 * start, naming the property; the rules between the elements of a list (ascending, no repeats) are {@link ProbePlan}'s.
 */
@ConfigMapping(prefix = "rhwatch.corruption")
public interface CorruptionConfig {

    /** Model names as the inference service knows them (Triton model names). */
    @WithDefault(MeshPlan.MODELS_SETTING)
    List<String> models();

    /** Thinking-token budget levels, non-negative and strictly ascending. */
    @WithDefault(MeshPlan.BUDGETS_SETTING)
    List<Integer> budgets();

    /** Corruptions applied besides the clean probe: blank_image, random_image, text_removal. */
    @WithDefault(MeshPlan.CORRUPTIONS_SETTING)
    List<@WithConverter(CorruptionConverter.class) Corruption> corruptions();

    /**
     * How many bundled donor images random_image chooses from (scenes of the synthetic benchmark, at least 2), unless
     * {@code donor-images} names the deployment's own.
     */
    @WithDefault("64")
    @Min(2)
    int donorPoolSize();

    /**
     * A directory of PNG or JPEG images random_image chooses from instead of the bundled ones; an image in a
     * subdirectory belongs to the subset of that name (a sample's {@code source}), and a sample gets no donor of its
     * own subset while there is another.
     */
    Optional<Path> donorImages();

    /**
     * Whether corrupted probes of open-ended perception samples carry the sample's own image ({@code sample_image}) for
     * an LLM judge that sees images ({@code rhwatch.judge.llm.sees-image}). Off by default: it adds the image's bytes to
     * each such probe.
     */
    @WithDefault("false")
    boolean imageForJudge();

    /** Image sizes whose blank PNG is kept, as datasets tend to reuse a few sizes. */
    @WithDefault("64")
    @Positive
    int blankCacheSize();

    /** Largest image, in pixels, a blank stand-in is drawn for; larger samples are dead-lettered. */
    @WithDefault("40000000")
    @Positive
    long maxImagePixels();
}
