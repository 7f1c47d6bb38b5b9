package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.config.TrafficSettings;
import io.rhwatch.ingestion.config.TrafficSettings.Monitoring;

/** How one model's traffic is monitored: its overrides over the defaults. */
record ModelPolicy(Monitoring mode, double sampleFraction, double maxProbesPerSecond) {

    static ModelPolicy of(TrafficSettings config, String model) {
        TrafficSettings.Defaults defaults = config.defaults();
        TrafficSettings.Overrides overrides = config.models().get(model);
        if (overrides == null) {
            return new ModelPolicy(defaults.mode(), defaults.sampleFraction(), defaults.maxProbesPerSecond());
        }
        return new ModelPolicy(overrides.mode().orElse(defaults.mode()),
                overrides.sampleFraction().orElse(defaults.sampleFraction()),
                overrides.maxProbesPerSecond().orElse(defaults.maxProbesPerSecond()));
    }
}
