package io.rhwatch.aggregator.windows;

import io.rhwatch.aggregator.config.WindowSettings;
import io.rhwatch.aggregator.regression.RegressionSettings;

import java.time.Duration;
import java.util.List;

/** Windowed counts as tests configure them. */
public final class WindowedCountsFixture {

    private WindowedCountsFixture() {
    }

    /** The defaults of application.properties: 1 h and 24 h windows, regressions judged on the hourly ones. */
    public static WindowedCounts hourly() {
        return new WindowedCounts(WindowSettings.of(List.of(Duration.ofHours(1), Duration.ofHours(24)), Duration.ofMinutes(10),
                Duration.ofDays(8)), RegressionSettings.of(Duration.ofHours(1), 0.05, 50, 0.05));
    }
}
