package io.rhwatch.inference.sim;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small limits so backpressure shows with a few dozen probes; a model configured with a contract it does not have. */
public class SimulatorProfile implements QuarkusTestProfile {

    public static final String MODEL = "rh-sim-steady";
    public static final String MISCONFIGURED_MODEL = "rh-sim-drifty";
    public static final int MODEL_MAX_IN_FLIGHT = 3;
    public static final int PROBES_IN_FLIGHT = 4;
    public static final int MAX_RETRIES = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("rhwatch.inference.max-in-flight", String.valueOf(PROBES_IN_FLIGHT)),
                Map.entry("rhwatch.inference.models.\"" + MODEL + "\".max-in-flight", String.valueOf(MODEL_MAX_IN_FLIGHT)),
                Map.entry("rhwatch.inference.models.\"" + MISCONFIGURED_MODEL + "\".contract", "tensor"),
                Map.entry("rhwatch.inference.retry.max-retries", String.valueOf(MAX_RETRIES)),
                Map.entry("rhwatch.inference.circuit-breaker.window", "10"),
                // a fifth of the calls fail by design: open only when (nearly) all do
                Map.entry("rhwatch.inference.circuit-breaker.failure-ratio", "0.8"),
                Map.entry("rhwatch.inference.circuit-breaker.open-for", "500ms"),
                Map.entry("rhwatch.inference.contract-check.retry-interval", "500ms"),
                Map.entry("mp.messaging.incoming.probes.max.poll.records", "4"));
    }
}
