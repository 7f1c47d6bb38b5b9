package io.rhwatch.aggregator.windows;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** The time windows counted per model, under {@code rhwatch.aggregator.windows}. */
@ConfigMapping(prefix = "rhwatch.aggregator.windows")
public interface WindowSettings {

    /** Tumbling window sizes, each counted on its own (judgment time, aligned to the epoch). */
    @WithDefault("1h,24h")
    List<Duration> sizes();

    /** How late a judgment may arrive (by its time) and still be counted in its window. */
    @WithDefault("10m")
    Duration grace();

    /** How long windows are kept and served; at least the largest size plus the grace. */
    @WithDefault("P8D")
    Duration retention();

    static WindowSettings of(List<Duration> sizes, Duration grace, Duration retention) {
        return new WindowSettings() {
            public List<Duration> sizes() {
                return sizes;
            }

            public Duration grace() {
                return grace;
            }

            public Duration retention() {
                return retention;
            }
        };
    }
}
