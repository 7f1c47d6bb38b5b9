package io.rhwatch.ingestion.config;

import io.rhwatch.core.mesh.MeshPlan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The ingestion service's configuration, all under {@code rhwatch.ingestion}: limits on what a sample or a traffic
 * record may carry, how ingestion talks to the broker, how production traffic is monitored ({@link #traffic()}) and
 * which canaries are sent ({@link #canary()}). The single source of every default; docs/INGESTION_API.md and
 * docs/TRAFFIC.md list them by property name. Out-of-range values stop the service at start, naming the property.
 */
@ConfigMapping(prefix = "rhwatch.ingestion")
public interface IngestionConfig {

    /** Largest accepted image, in decoded bytes (8 MiB). */
    @WithDefault("8388608")
    @Positive
    int maxImageBytes();

    /** Largest accepted image in pixels (width × height), so a small file cannot expand into gigabytes when decoded. */
    @WithDefault("40000000")
    @Positive
    long maxImagePixels();

    /**
     * Largest raster an image may decode to (width × height × bytes per pixel, 128 MiB): 16-bit RGBA takes 8 bytes a
     * pixel, so the pixel limit alone lets a 300 KB PNG claim 318 MB of heap.
     */
    @WithDefault("134217728")
    @Positive
    long maxImageRasterBytes();

    /** Decodes at once; with the raster limit this bounds the heap images may take (2 × 128 MiB in a 512 MiB JVM). */
    @WithDefault("2")
    @Positive
    int maxConcurrentDecodes();

    /** How long a request waits for a decode slot before it is answered 503 with Retry-After. */
    @WithDefault("10s")
    Duration decodeWait();

    @WithDefault("16384")
    @Positive
    int maxQuestionChars();

    @WithDefault("4096")
    @Positive
    int maxAnswerChars();

    /** Choices are lettered (A)…(Z) in prompts. */
    @WithDefault("26")
    @Positive
    @Max(26)
    int maxChoices();

    @WithDefault("1024")
    @Positive
    int maxChoiceChars();

    @WithDefault("256")
    @Positive
    int maxSourceChars();

    /** Sample ids become part of probe ids ("{sample_id}|{model}|{corruption}") and of log lines. */
    @WithDefault("128")
    @Positive
    int maxIdChars();

    /** Records in one {@code POST /v1/traffic} batch ({@code {"records": [...]}}); the body limit applies as well. */
    @WithDefault("256")
    @Positive
    int maxTrafficBatch();

    /** Characters of a traffic record's {@code served_output}: the answer the model served, which may explain itself. */
    @WithDefault("16384")
    @Positive
    int maxServedOutputChars();

    /**
     * Largest {@code served_reasoning_tokens} of a traffic record: the budget limit of probes (MeshPlan.MAX_BUDGET), so
     * an observed length and a probed level are on one scale.
     */
    @WithDefault(MeshPlan.MAX_BUDGET_SETTING)
    @Positive
    int maxServedReasoningTokens();

    /** How far after the server's clock a traffic record's {@code timestamp_ms} may lie (the two clocks differ a little). */
    @WithDefault("5m")
    Duration maxClockSkew();

    /** How long a request waits for the broker to acknowledge its writes before answering 503. */
    @WithDefault("60s")
    Duration publishTimeout();

    /** Writes a dataset import keeps in flight at once: pipelined, but bounded, as each may carry a large image. */
    @WithDefault("32")
    @Positive
    int importInFlight();

    /** Largest dataset file an import reads (16 MiB; images are separate files, each under max-image-bytes). */
    @WithDefault("16777216")
    @Positive
    long maxImportFileBytes();

    /** Longest {@code path} of an import, and of an image path inside a dataset. */
    @WithDefault("4096")
    @Positive
    int maxPathChars();

    /**
     * How long a sample and epoch, once accepted, is answered as a duplicate when sent again: as long as the
     * aggregator recognises its judgments as redelivered (MeshPlan.REDELIVERY_WINDOW_SETTING, both).
     */
    @WithDefault(MeshPlan.REDELIVERY_WINDOW_SETTING)
    Duration duplicateWindow();

    /**
     * How long a request waits for the ledger of accepted samples (rh.ingested) to be loaded, after a start, before
     * it accepts the sample unchecked ({@code "duplicate": null}); readiness stays down until it is loaded.
     */
    @WithDefault("10s")
    Duration duplicateCheckWait();

    /**
     * The directory {@code POST /v1/imports} may read from: the dataset file and every image it names must lie inside
     * it once normalised (symbolic links resolved); a relative {@code path} is resolved against it. Unset, imports
     * are refused: the service reads no file from its disk unless told where datasets live.
     */
    Optional<Path> importRoot();

    /** Production traffic on rh.traffic, per model (docs/TRAFFIC.md). */
    TrafficSettings traffic();

    /** Labelled canaries interleaved with each model's traffic (docs/TRAFFIC.md, "Canaries"). */
    CanarySettings canary();
}
