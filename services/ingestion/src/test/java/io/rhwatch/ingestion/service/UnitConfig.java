package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.config.StrictJson;
import io.rhwatch.testsupport.ConfigMappings;

import java.util.Map;

/** The service's configuration and JSON reading for unit tests, without starting Quarkus. */
final class UnitConfig {

    private UnitConfig() {
    }

    /** IngestionConfig with its defaults, overridden by {@code properties}. */
    static IngestionConfig ingestion(Map<String, String> properties) {
        return ConfigMappings.load(IngestionConfig.class, properties);
    }

    /** An ObjectMapper that reads as the service does (StrictJson). */
    static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
