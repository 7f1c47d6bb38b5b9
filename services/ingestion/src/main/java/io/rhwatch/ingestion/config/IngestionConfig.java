package io.rhwatch.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Limits on what a sample may carry, and how ingestion talks to the broker. */
@ConfigMapping(prefix = "rhwatch.ingestion")
public interface IngestionConfig {

    /** Largest accepted image, in decoded bytes (8 MiB). */
    @WithDefault("8388608")
    int maxImageBytes();

    /** Largest accepted image in pixels (width × height), so a small file cannot expand into gigabytes when decoded. */
    @WithDefault("40000000")
    long maxImagePixels();

    @WithDefault("16384")
    int maxQuestionChars();

    /** Choices are lettered (A)…(Z) in prompts. */
    @WithDefault("26")
    int maxChoices();

    /** Sample ids become part of probe ids ("{sample_id}|{model}|{corruption}"). */
    @WithDefault("128")
    int maxIdChars();

    /** How long a request waits for the broker to acknowledge its writes before answering 503. */
    @WithDefault("60s")
    Duration publishTimeout();

    /** Writes a dataset import keeps in flight at once: pipelined, but bounded, as each may carry a large image. */
    @WithDefault("32")
    int importInFlight();

    /**
     * The directory {@code POST /v1/imports} may read from: the dataset file and every image it names must lie inside
     * it once normalised (symbolic links resolved). Unset, any file the service can read may be imported.
     */
    Optional<Path> importRoot();
}
