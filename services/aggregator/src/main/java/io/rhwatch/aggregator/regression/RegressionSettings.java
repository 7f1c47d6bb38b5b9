package io.rhwatch.aggregator.regression;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * When a model counts as regressed (docs/ARCHITECTURE.md, "Windows and regressions"), under
 * {@code rhwatch.aggregator.regression} (AggregatorConfig#regression()).
 */
public interface RegressionSettings {

    /** The window size whose current window is compared with its baseline; one of rhwatch.aggregator.windows.sizes. */
    @WithDefault("1h")
    Duration window();

    /** How much lower an accuracy must be (in proportion, 0.05 = 5 points) before it can count as a regression. */
    @WithDefault("0.05")
    @DecimalMin("0")
    @DecimalMax(value = "1", inclusive = false)
    double margin();

    /** Judged clean probes a level and task needs in each of the two windows before it is compared at all. */
    @WithDefault("50")
    @Min(1)
    int minSamples();

    /**
     * The chance, per window of a steady model, that some level's interval excludes zero by noise alone: shared
     * between the looks at the window and its baselines ({@link RegressionRule.Look}), the intervals Bonferroni-adjusted
     * over the levels and tasks compared.
     */
    @WithDefault("0.05")
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax(value = "0.5", inclusive = false)
    double falseAlarmRate();

    /**
     * What the current window is compared with: {@code previous}, the model's previous window and the one before it,
     * or {@code version:V}, the whole-run counts of version V of the same model name ({@link RegressionBaseline}).
     */
    @WithDefault(RegressionBaseline.PREVIOUS)
    String baseline();

    static RegressionSettings of(Duration window, double margin, int minSamples, double falseAlarmRate) {
        return of(window, margin, minSamples, falseAlarmRate, RegressionBaseline.PREVIOUS);
    }

    static RegressionSettings of(Duration window, double margin, int minSamples, double falseAlarmRate, String baseline) {
        return new Values(window, margin, minSamples, falseAlarmRate, baseline);
    }

    /** Settings given in code (tests): a named record, as Quarkus refuses anonymous classes of validated interfaces. */
    record Values(Duration window, double margin, int minSamples, double falseAlarmRate, String baseline)
            implements RegressionSettings {
    }
}
