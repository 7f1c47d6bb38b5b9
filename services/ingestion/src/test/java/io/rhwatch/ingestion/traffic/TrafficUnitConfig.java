package io.rhwatch.ingestion.traffic;

import io.quarkus.runtime.configuration.DurationConverter;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** The traffic configuration and the sample limits for unit tests, without starting Quarkus. */
final class TrafficUnitConfig {

    private final SmallRyeConfig config;

    TrafficUnitConfig(Map<String, String> properties) {
        this.config = new SmallRyeConfigBuilder()
                .withMapping(IngestionConfig.class)
                .withMapping(TrafficConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }

    TrafficConfig traffic() {
        return config.getConfigMapping(TrafficConfig.class);
    }

    IngestionConfig ingestion() {
        return config.getConfigMapping(IngestionConfig.class);
    }
}
