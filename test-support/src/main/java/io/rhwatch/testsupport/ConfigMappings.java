package io.rhwatch.testsupport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A service's {@code @ConfigMapping} built as Quarkus builds it at start-up, without starting Quarkus: its defaults,
 * the given properties over them, Quarkus's duration syntax ({@code 10s} as well as {@code PT10S}), and its
 * validation annotations checked, so a value out of range fails with a
 * {@link io.smallrye.config.ConfigValidationException} naming the property.
 */
public final class ConfigMappings {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private ConfigMappings() {
    }

    /** The mapping with its defaults, overridden by {@code properties} (full names, e.g. {@code rhwatch.judge.llm.max-tokens}). */
    public static <T> T load(Class<T> mapping, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(mapping)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(mapping);
    }

    /** The service's own application.properties (from the classpath) without profile-specific entries: what it runs with. */
    public static Map<String, String> applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = ConfigMappings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.stringPropertyNames().stream().filter(name -> !name.startsWith("%"))
                .collect(Collectors.toMap(name -> name, properties::getProperty));
    }
}
