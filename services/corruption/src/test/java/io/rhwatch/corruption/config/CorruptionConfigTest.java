package io.rhwatch.corruption.config;

import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping under rhwatch.corruption: its defaults, and values out of range refused at start, naming the property. */
class CorruptionConfigTest {

    @Test
    void theServiceStartsWithItsDefaultsAndItsApplicationProperties() {
        CorruptionConfig config = ConfigMappings.load(CorruptionConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.models()).isEqualTo(MeshPlan.models());
        assertThat(config.budgets()).isEqualTo(MeshPlan.budgets());
        assertThat(config.corruptions()).isEqualTo(MeshPlan.corruptions());
        assertThat(config.donorPoolSize()).isEqualTo(64);
        assertThat(config.donorImages()).isEmpty();
        assertThat(config.imageForJudge()).isFalse();
        assertThat(config.blankCacheSize()).isEqualTo(64);
        assertThat(config.maxImagePixels()).isEqualTo(40_000_000L);
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheProperty() {
        assertRefused("rhwatch.corruption.donor-pool-size", "1", "must be greater than or equal to 2");
        assertRefused("rhwatch.corruption.blank-cache-size", "0", "must be greater than 0");
        assertRefused("rhwatch.corruption.max-image-pixels", "-1", "must be greater than 0");
    }

    private static void assertRefused(String property, String value, String reason) {
        assertThatThrownBy(() -> ConfigMappings.load(CorruptionConfig.class, Map.of(property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(property + " " + reason);
    }
}
