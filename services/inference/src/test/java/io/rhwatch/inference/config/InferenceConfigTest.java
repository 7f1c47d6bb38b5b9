package io.rhwatch.inference.config;

import io.rhwatch.core.ModelKey;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping under rhwatch.inference: its defaults, and values out of range refused at start, naming the property. */
class InferenceConfigTest {

    @Test
    void theServiceStartsWithItsDefaultsAndItsApplicationProperties() {
        InferenceConfig config = ConfigMappings.load(InferenceConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.answerMaxTokens()).isEqualTo(1024);
        assertThat(config.maxBudget()).isEqualTo(MeshPlan.MAX_BUDGET);
        assertThat(config.maxInFlight()).isEqualTo(16);
        assertThat(config.modelMaxInFlight()).isEqualTo(32);
        assertThat(config.servedModels()).isEqualTo(MeshPlan.models());
        assertThat(config.callDeadline()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.retry().maxRetries()).isEqualTo(3);
        assertThat(config.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.circuitBreaker().failureRatio()).isEqualTo(0.5);
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheProperty() {
        assertRefused("rhwatch.inference.answer-max-tokens", String.valueOf(InferenceConfig.MAX_ANSWER_TOKENS + 1));
        assertRefused("rhwatch.inference.max-in-flight", "0");
        assertRefused("rhwatch.inference.thumbnail-size", "0");
        assertRefused("rhwatch.inference.retry.max-retries", "-1");
        // SmallRye's message names a group by its method (circuitBreaker), the property itself as written
        assertThatThrownBy(() -> ConfigMappings.load(InferenceConfig.class,
                Map.of("rhwatch.inference.circuit-breaker.failure-ratio", "1.5")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.inference.circuitBreaker.failure-ratio must be less than or equal to 1");
        assertRefused("rhwatch.inference.models.\"m\".max-in-flight", "0");
    }

    @Test
    void aModelVersionWithAnAtOrSurroundingSpaceIsRefused() {
        assertRefused("rhwatch.inference.models.\"m\".version", "2026@11");
        assertRefused("rhwatch.inference.models.\"m\".version", " 2026-11");
        assertThat(ConfigMappings.load(InferenceConfig.class, Map.of("rhwatch.inference.models.\"m\".version", "2026 11"))
                .models().get("m").version()).isEqualTo("2026 11");
        assertThat(ConfigMappings.load(InferenceConfig.class, Map.of("rhwatch.inference.models.\"m\".contract", "vllm"))
                .models().get("m").version()).isEqualTo(ModelKey.DEFAULT_VERSION);
    }

    private static void assertRefused(String property, String value) {
        assertThatThrownBy(() -> ConfigMappings.load(InferenceConfig.class, Map.of(property, value)))
                .as(property + "=" + value)
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(property.replace("\"", ""));
    }
}
