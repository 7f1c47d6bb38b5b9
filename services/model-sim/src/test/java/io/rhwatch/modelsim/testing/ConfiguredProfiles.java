package io.rhwatch.modelsim.testing;

import io.rhwatch.modelsim.catalog.ModelCatalog;
import io.rhwatch.modelsim.config.SimConfig;
import io.rhwatch.modelsim.service.ModelProfile;
import io.rhwatch.testsupport.ConfigMappings;

import java.util.List;

/** The model profiles exactly as the service configures them (application.properties over SimConfig's defaults). */
public final class ConfiguredProfiles {

    private static final SimConfig CONFIG = ConfigMappings.load(SimConfig.class, ConfigMappings.applicationProperties());

    private ConfiguredProfiles() {
    }

    public static ModelProfile profile(String model) {
        SimConfig.Model configured = CONFIG.models().get(model);
        if (configured == null) {
            throw new IllegalStateException("application.properties configures no model " + model + ": " + models());
        }
        return ModelCatalog.profile(model, configured, CONFIG.fullThinkingTokens());
    }

    /** Every model application.properties configures, by name. */
    public static List<String> models() {
        return CONFIG.models().keySet().stream().sorted().toList();
    }
}
