package io.rhwatch.ingestion.config;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How production traffic on rh.traffic is monitored, per model (docs/TRAFFIC.md): passively (what the model served
 * becomes a response, at no GPU cost), actively (a deterministic sample of the requests becomes probes, capped in
 * probes per second), or both. A model not listed under {@code models} follows {@code defaults}; a listed model
 * overrides only what it names. Under {@code rhwatch.ingestion.traffic} ({@link IngestionConfig#traffic()}).
 */
public interface TrafficSettings {

    /** The policy of every model not listed under {@code models}. */
    Defaults defaults();

    /** Per-model overrides, keyed by the model name the traffic names ({@code models."<name>".mode=active}). */
    Map<String, Overrides> models();

    /**
     * Passive responses are bucketed by observed reasoning length: a length L falls in the bucket of the smallest edge
     * at or above it, which becomes the response's budget. Non-negative, strictly ascending, in model tokens.
     */
    @WithDefault("0,256,512,1024,2048,4096,8192,16384")
    @NotEmpty
    List<@Min(0) Integer> bucketEdges();

    /**
     * Probes one active sample becomes for its one model: the clean probe plus one per corruption the corruption
     * service applies (rhwatch.corruption.corruptions). Unset: the mesh plan's default, 1 + 3.
     */
    Optional<@Min(1) @Max(16) Integer> probesPerSample();

    /**
     * Budget levels each probe is answered at (rhwatch.corruption.budgets): each costs one answer generation, on top of
     * the probe's one thinking generation. Unset: the mesh plan's default levels.
     */
    Optional<@Min(1) @Max(64) Integer> budgetLevels();

    /**
     * Times a sampled record's image decode is tried again when every decode slot stayed busy (or the heap ran short):
     * the record is fine and the service is loaded, so it waits rather than dead-letters. Each try already waits up to
     * rhwatch.ingestion.decode-wait for a slot; past the last, the record is dead-lettered with the reason.
     */
    @WithDefault("5")
    @Min(0)
    @Max(100)
    int decodeRetries();

    /** The window the achieved probes/s gauge is measured over, in seconds. */
    @WithDefault("60")
    @Min(1)
    @Max(3600)
    int rateWindowSeconds();

    interface Defaults {

        /** passive, active or both. */
        @WithDefault("passive")
        Monitoring mode();

        /** The share of a model's requests probed actively, chosen by a hash of the request id (0 to 1). */
        @WithDefault("0.05")
        @DecimalMin("0")
        @DecimalMax("1")
        double sampleFraction();

        /** The most probes per second sent for a model (a token bucket of one second's worth); above it, skipped. */
        @WithDefault("4")
        @Positive
        double maxProbesPerSecond();
    }

    interface Overrides {

        Optional<Monitoring> mode();

        Optional<@DecimalMin("0") @DecimalMax("1") Double> sampleFraction();

        Optional<@Positive Double> maxProbesPerSecond();
    }

    /** Which way a model's traffic is monitored. */
    enum Monitoring {
        PASSIVE, ACTIVE, BOTH;

        public boolean passive() {
            return this != ACTIVE;
        }

        public boolean active() {
            return this != PASSIVE;
        }
    }
}
