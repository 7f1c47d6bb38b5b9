package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.traffic.TrafficConfig.Monitoring;

/** How one model's traffic is monitored: its overrides over the defaults. */
record ModelPolicy(Monitoring mode, double sampleFraction, double maxProbesPerSecond) {

    static ModelPolicy of(TrafficConfig config, String model) {
        TrafficConfig.Defaults defaults = config.defaults();
        TrafficConfig.Overrides overrides = config.models().get(model);
        if (overrides == null) {
            return new ModelPolicy(defaults.mode(), defaults.sampleFraction(), defaults.maxProbesPerSecond());
        }
        return new ModelPolicy(overrides.mode().orElse(defaults.mode()),
                overrides.sampleFraction().orElse(defaults.sampleFraction()),
                overrides.maxProbesPerSecond().orElse(defaults.maxProbesPerSecond()));
    }
}
