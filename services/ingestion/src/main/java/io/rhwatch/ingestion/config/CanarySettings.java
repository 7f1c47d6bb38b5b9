package io.rhwatch.ingestion.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.Map;

/**
 * Labelled canaries interleaved with each model's traffic (docs/TRAFFIC.md, "Canaries"): samples of the bundled
 * benchmark, sent for one model at a steady rate, so the model's labelled RH-AUC stays live while its traffic has no
 * labels. Under {@code rhwatch.ingestion.canary} ({@link IngestionConfig#canary()}).
 */
public interface CanarySettings {

    /** Canaries per hour per model ({@code per-hour."<model>"=200}); 0 or unlisted: none for that model. */
    Map<String, @Min(0) @Max(36_000) Integer> perHour();

    /** How many benchmark samples the canaries cycle through; each cycle is a new epoch of them. */
    @WithDefault("200")
    @Min(1)
    @Max(100_000)
    int benchmarkSamples();

    /** The benchmark's seed: the same as {@code rhwatch generate}'s default, so the canaries are that benchmark. */
    @WithDefault("7")
    long benchmarkSeed();

    /** How often the scheduler looks for canaries that are due. */
    @WithDefault("1s")
    Duration tick();
}
