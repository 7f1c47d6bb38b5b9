package io.rhwatch.ingestion.traffic;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Models of each kind for the tests: passive (the default), active with a sample, active under a tight cap, both. */
public class TrafficProfile implements QuarkusTestProfile {

    static final String PASSIVE = "rh-test-passive";
    static final String ACTIVE = "rh-test-active";
    static final String CAPPED = "rh-test-capped";
    static final String BOTH = "rh-test-both";
    /** Probes a second for CAPPED: 4 probes a sample, so one sample a second. */
    static final double CAPPED_PROBES_PER_SECOND = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "rhwatch.ingestion.traffic.models.\"" + ACTIVE + "\".mode", "active",
                "rhwatch.ingestion.traffic.models.\"" + ACTIVE + "\".sample-fraction", "0.5",
                "rhwatch.ingestion.traffic.models.\"" + ACTIVE + "\".max-probes-per-second", "10000",
                "rhwatch.ingestion.traffic.models.\"" + CAPPED + "\".mode", "active",
                "rhwatch.ingestion.traffic.models.\"" + CAPPED + "\".sample-fraction", "1",
                "rhwatch.ingestion.traffic.models.\"" + CAPPED + "\".max-probes-per-second", "" + CAPPED_PROBES_PER_SECOND,
                "rhwatch.ingestion.traffic.models.\"" + BOTH + "\".mode", "both",
                "rhwatch.ingestion.traffic.models.\"" + BOTH + "\".sample-fraction", "1",
                "rhwatch.ingestion.traffic.models.\"" + BOTH + "\".max-probes-per-second", "10000");
    }
}
