package io.rhwatch.corruption.messaging;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service on topics (and a consumer group) of its own, in a fresh app: one broker serves every test class in the
 * JVM, so whatever another class sent to rh.samples would otherwise arrive among this class's samples.
 */
public class OwnTopicsProfile implements QuarkusTestProfile {

    static final String SAMPLES = "pipeline-test.rh.samples";
    static final String PROBES = "pipeline-test.rh.probes";
    static final String DEAD_LETTERS = "pipeline-test.rh.dlq.corruption";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.samples.topic", SAMPLES,
                "mp.messaging.incoming.samples.group.id", "rhwatch-corruption-pipeline-test",
                "mp.messaging.incoming.samples.dead-letter-queue.topic", DEAD_LETTERS,
                "mp.messaging.outgoing.probes.topic", PROBES);
    }
}
