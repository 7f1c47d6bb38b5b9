package io.rhwatch.corruption.config;

import io.rhwatch.proto.v1.Corruption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Which probes each sample becomes: per model, the clean probe plus one per corruption, each carrying every budget level. */
@ConfigMapping(prefix = "rhwatch.corruption")
public interface CorruptionConfig {

    /** Model names as the inference service knows them (Triton model names). */
    @WithDefault("rh-sim-steady,rh-sim-drifty")
    List<String> models();

    /** Thinking-token budget levels, non-negative and strictly ascending. */
    @WithDefault("0,50,100,150,200,300,400,600")
    List<Integer> budgets();

    /** Corruptions applied besides the clean probe: blank_image, random_image, text_removal. */
    @WithDefault("blank_image,random_image,text_removal")
    List<@WithConverter(CorruptionConverter.class) Corruption> corruptions();

    /** Recent samples whose images may stand in for another sample's under random_image. */
    @WithDefault("64")
    int donorPoolSize();

    /** Image sizes whose blank PNG is kept, as datasets tend to reuse a few sizes. */
    @WithDefault("64")
    int blankCacheSize();

    /** Largest image, in pixels, a blank stand-in is drawn for; larger samples are dead-lettered. */
    @WithDefault("40000000")
    long maxImagePixels();
}
