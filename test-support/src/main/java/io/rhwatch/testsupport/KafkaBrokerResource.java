package io.rhwatch.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a @QuarkusTest a real KRaft broker: {@code @QuarkusTestResource(KafkaBrokerResource.class)}.
 * Quarkus Dev Services would need Docker, which CI does not have.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = EmbeddedKafka.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap);
    }

    @Override
    public void stop() {
        // One broker serves every test class in the JVM; it stops with the JVM.
    }
}
