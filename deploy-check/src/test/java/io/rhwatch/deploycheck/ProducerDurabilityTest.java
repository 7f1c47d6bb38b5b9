package io.rhwatch.deploycheck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every producer of the mesh writes durably, acks=all with idempotence (docs/ARCHITECTURE.md, "Delivery and
 * re-evaluation"): the SmallRye services take both from service-support, connector-wide, and none overrides them;
 * Kafka Streams gets both from exactly_once_v2. (The e2e DurabilityEndToEndTest checks the same on the broker: every
 * record of the mesh was written by an idempotent producer.)
 */
class ProducerDurabilityTest {

    private static final Path SHARED_DEFAULTS = Path.of("service-support/src/main/resources/META-INF/microprofile-config.properties");
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    @Test
    void theSharedDefaultsAskEverySmallRyeProducerForAcksAllAndIdempotence() {
        Properties shared = load(Repository.root().resolve(SHARED_DEFAULTS));
        assertThat(shared.getProperty(CONNECTOR + "acks")).as(SHARED_DEFAULTS + ": acks").isEqualTo("all");
        assertThat(shared.getProperty(CONNECTOR + "enable.idempotence")).as(SHARED_DEFAULTS + ": enable.idempotence").isEqualTo("true");
    }

    @Test
    void everySmallRyeKafkaServiceTakesTheSharedDefaults() {
        List<String> without = new ArrayList<>();
        for (ServiceModule service : Repository.services()) {
            if (usesSmallRyeKafka(service) && !Repository.read(service.dir().resolve("pom.xml")).contains("<artifactId>rhwatch-service-support</artifactId>")) {
                without.add(service.path());
            }
        }
        assertThat(without).as("SmallRye Kafka services that do not depend on rhwatch-service-support").isEmpty();
    }

    @Test
    void noServiceWeakensThem() {
        List<String> overrides = new ArrayList<>();
        for (ServiceModule service : Repository.services()) {
            for (Map.Entry<String, String> property : service.properties().entrySet()) {
                String key = property.getKey().replaceFirst("^%[^.]+\\.", "");
                if (key.endsWith(".acks") || key.endsWith(".enable.idempotence") || key.equals("acks")) {
                    overrides.add(service.path() + ": " + property.getKey() + "=" + property.getValue());
                }
            }
        }
        assertThat(overrides).as("producer durability set per service instead of in " + SHARED_DEFAULTS).isEmpty();
    }

    /** exactly_once_v2 makes every Kafka Streams producer transactional, hence idempotent with acks=all. */
    @Test
    void kafkaStreamsRunsExactlyOnce() {
        List<ServiceModule> streams = Repository.services().stream()
                .filter(service -> service.properties().keySet().stream().anyMatch(key -> key.startsWith("quarkus.kafka-streams.")))
                .toList();
        assertThat(streams).isNotEmpty().allSatisfy(service ->
                assertThat(service.properties().get("kafka-streams.processing.guarantee")).as(service.path()).isEqualTo("exactly_once_v2"));
    }

    private static boolean usesSmallRyeKafka(ServiceModule service) {
        return service.properties().entrySet().stream().anyMatch(entry ->
                entry.getKey().startsWith("mp.messaging.") && entry.getKey().endsWith(".connector") && entry.getValue().equals("smallrye-kafka"));
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repository.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        return properties;
    }
}
