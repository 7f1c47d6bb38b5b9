package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.config.TrafficSettings;
import io.rhwatch.testsupport.ConfigMappings;

import java.util.Map;

/** The traffic configuration and the sample limits for unit tests, without starting Quarkus. */
final class TrafficUnitConfig {

    private final IngestionConfig config;

    TrafficUnitConfig(Map<String, String> properties) {
        this.config = ConfigMappings.load(IngestionConfig.class, properties);
    }

    TrafficSettings traffic() {
        return config.traffic();
    }

    IngestionConfig ingestion() {
        return config;
    }
}
