package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.DurationConverter;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.config.StrictJson;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** The service's configuration and JSON reading for unit tests, without starting Quarkus. */
final class UnitConfig {

    private UnitConfig() {
    }

    /** IngestionConfig with its defaults, overridden by {@code properties}. */
    static IngestionConfig ingestion(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestionConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(IngestionConfig.class);
    }

    /** An ObjectMapper that reads as the service does (StrictJson). */
    static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
