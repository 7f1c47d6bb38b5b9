package io.rhwatch.aggregator.config;

import io.rhwatch.core.mesh.MeshPlan;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotEmpty;

import java.time.Duration;
import java.util.List;

/** The time windows counted per model, under {@code rhwatch.aggregator.windows} ({@link AggregatorConfig#windows()}). */
public interface WindowSettings {

    /** Tumbling window sizes, each counted on its own (judgment time, aligned to the epoch). */
    @WithDefault("1h,24h")
    @NotEmpty
    List<Duration> sizes();

    /** How late a judgment may arrive (by its time) and still be counted in its window. */
    @WithDefault("10m")
    Duration grace();

    /**
     * How long windows are kept and served; at least the largest size plus the grace. The mesh plan deletes rh.windows
     * records after the same time, so what is served is what the topic still holds.
     */
    @WithDefault(MeshPlan.WINDOW_RETENTION_SETTING)
    Duration retention();

    static WindowSettings of(List<Duration> sizes, Duration grace, Duration retention) {
        return new Values(sizes, grace, retention);
    }

    /** Settings given in code (tests): a named record, as Quarkus refuses anonymous classes of validated interfaces. */
    record Values(List<Duration> sizes, Duration grace, Duration retention) implements WindowSettings {
    }
}
