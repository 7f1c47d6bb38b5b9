package io.rhwatch.aggregator.config;

import io.rhwatch.aggregator.regression.RegressionSettings;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.List;

/**
 * The aggregator's configuration, all under {@code rhwatch.aggregator}: how judgments are counted, the time windows
 * and regressions, and what the dashboard is sent. The single source of every default; docs/ARCHITECTURE.md and
 * docs/STATISTICS.md describe them by property name. Out-of-range values stop the service at start, naming the property.
 */
@ConfigMapping(prefix = "rhwatch.aggregator")
public interface AggregatorConfig {

    /** How long a judgment id is remembered to drop its redeliveries: as long as ingestion answers a resend as a duplicate. */
    @WithDefault(MeshPlan.REDELIVERY_WINDOW_SETTING)
    Duration dedupeRetention();

    /** How long answers wait for their pair (and a sample's clean answers for budget stability, docs/LABEL_FREE.md). */
    @WithDefault("P7D")
    Duration pairsRetention();

    /**
     * The corruptions every sample is probed with (as rhwatch.corruption.corruptions): a sample's answers are forgotten
     * once all of them were paired with the clean one.
     */
    @WithDefault(MeshPlan.CORRUPTIONS_SETTING)
    @NotEmpty
    List<String> corruptions();

    Outcomes outcomes();

    WindowSettings windows();

    RegressionSettings regression();

    History history();

    Live live();

    /** Per-sample outcomes kept per model (name@version) for the paired intervals and /v1/compare. */
    interface Outcomes {

        /**
         * The samples with the smallest id hashes, a random sample of those seen: 25 bytes a sample on rh.outcomes and
         * in every replica's read model (2.5 MB per 100k samples); docs/STATISTICS.md has the rest of the memory.
         */
        @WithDefault(SampleOutcomes.DEFAULT_MAX_SAMPLES_SETTING)
        @Min(1)
        @Max(SampleOutcomes.MAX_SAMPLES_LIMIT)
        int maxSamples();

        /**
         * How often at most a model's paired intervals, a bootstrap over all its kept samples, are computed again once
         * it has {@value io.rhwatch.aggregator.streams.CurvePublisher#ALWAYS_RESAMPLED_BELOW} samples or more; the
         * curves in between carry the last ones, a punctuation as often gives the latest counts new ones, and
         * rh.outcomes gets a table only with new intervals.
         */
        @WithDefault("PT5S")
        @DurationMin(millis = 0)
        Duration pairedEvery();
    }

    /** The RH-AUC history per model for the dashboard's sparklines, in the read model's memory. */
    interface History {

        /** Points kept per model; the history covers capacity × spacing. */
        @WithDefault("240")
        @Min(2)
        int capacity();

        /** One point per spacing: a newer curve within it replaces the last point. */
        @WithDefault("PT15S")
        Duration spacing();
    }

    /** The dashboard's server-sent events. */
    interface Live {

        /** Changes are coalesced into one batch of events per interval. */
        @WithDefault("PT0.5S")
        @DurationMin(millis = 1)
        Duration interval();
    }
}
