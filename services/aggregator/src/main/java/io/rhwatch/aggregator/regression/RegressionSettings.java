package io.rhwatch.aggregator.regression;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When a model counts as regressed (docs/ARCHITECTURE.md, "Windows and regressions"), under {@code rhwatch.aggregator.regression}. */
@ConfigMapping(prefix = "rhwatch.aggregator.regression")
public interface RegressionSettings {

    /** The window size whose current window is compared with its baseline; one of rhwatch.aggregator.windows.sizes. */
    @WithDefault("1h")
    Duration window();

    /** How much lower an accuracy must be (in proportion, 0.05 = 5 points) before it can count as a regression. */
    @WithDefault("0.05")
    double margin();

    /** Judged clean probes a level and task needs in each of the two windows before it is compared at all. */
    @WithDefault("50")
    int minSamples();

    /**
     * The chance, per window of a steady model, that some level's interval excludes zero by noise alone: shared
     * between the looks at the window and its baselines ({@link RegressionRule.Look}), the intervals Bonferroni-adjusted
     * over the levels and tasks compared.
     */
    @WithDefault("0.05")
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
        return new RegressionSettings() {
            public Duration window() {
                return window;
            }

            public double margin() {
                return margin;
            }

            public int minSamples() {
                return minSamples;
            }

            public double falseAlarmRate() {
                return falseAlarmRate;
            }

            public String baseline() {
                return baseline;
            }
        };
    }
}
