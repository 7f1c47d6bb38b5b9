package io.rhwatch.modelsim.testing;

import io.rhwatch.modelsim.service.AccuracyCurve;
import io.rhwatch.modelsim.service.ModelProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/** The model profiles exactly as application.properties configures them, for tests that run without Quarkus. */
public final class ConfiguredProfiles {

    private static final Properties PROPERTIES = load();

    private ConfiguredProfiles() {
    }

    public static ModelProfile profile(String model) {
        String prefix = "rhwatch.sim.models." + model + ".";
        int full = Integer.parseInt(PROPERTIES.getProperty("rhwatch.sim.full-thinking-tokens"));
        return new ModelProfile(model, Long.parseLong(value(prefix + "seed")),
                Double.parseDouble(PROPERTIES.getProperty(prefix + "refusal-rate", "0.02")),
                curve(prefix + "perception.", full), curve(prefix + "reasoning.", full),
                PROPERTIES.getProperty(prefix + "text-prior.at-zero") == null ? AccuracyCurve.never(full) : curve(prefix + "text-prior.", full));
    }

    /** Every model application.properties configures, by name. */
    public static List<String> models() {
        return PROPERTIES.stringPropertyNames().stream().filter(key -> key.startsWith("rhwatch.sim.models.") && key.endsWith(".seed"))
                .map(key -> key.substring("rhwatch.sim.models.".length(), key.length() - ".seed".length())).sorted().toList();
    }

    private static AccuracyCurve curve(String prefix, int full) {
        return new AccuracyCurve(Double.parseDouble(value(prefix + "at-zero")), Double.parseDouble(value(prefix + "at-full")),
                Double.parseDouble(value(prefix + "exponent")), full);
    }

    private static String value(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("application.properties lacks " + key);
        }
        return value;
    }

    private static Properties load() {
        try (InputStream in = ConfiguredProfiles.class.getResourceAsStream("/application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
