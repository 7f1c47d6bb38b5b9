package io.rhwatch.aggregator.config;

import io.rhwatch.aggregator.regression.RegressionBaseline;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Topic;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapping under rhwatch.aggregator: its defaults, and values out of range refused at start, naming the property. */
class AggregatorConfigTest {

    @Test
    void theServiceStartsWithItsDefaultsAndItsApplicationProperties() {
        AggregatorConfig config = ConfigMappings.load(AggregatorConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.pairsRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(config.corruptions()).containsExactly("blank_image", "random_image", "text_removal");
        assertThat(config.outcomes().maxSamples()).isEqualTo(SampleOutcomes.DEFAULT_MAX_SAMPLES);
        assertThat(config.windows().sizes()).containsExactly(Duration.ofHours(1), Duration.ofHours(24));
        assertThat(config.windows().grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.regression().window()).isEqualTo(Duration.ofHours(1));
        assertThat(config.regression().margin()).isEqualTo(0.05);
        assertThat(config.regression().minSamples()).isEqualTo(50);
        assertThat(config.regression().falseAlarmRate()).isEqualTo(0.05);
        assertThat(config.regression().baseline()).isEqualTo(RegressionBaseline.PREVIOUS);
        assertThat(config.history().capacity()).isEqualTo(240);
        assertThat(config.history().spacing()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.live().interval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void windowsAreServedAsLongAsTheMeshPlanKeepsThemOnRhWindows() {
        AggregatorConfig config = ConfigMappings.load(AggregatorConfig.class, Map.of());

        Topic windows = MeshPlan.topics().stream().filter(topic -> topic.name().equals(MeshPlan.WINDOWS)).findFirst().orElseThrow();
        assertThat(config.windows().retention()).isEqualTo(Duration.ofDays(8))
                .isGreaterThanOrEqualTo(Duration.ofHours(24).plus(config.windows().grace()));
        assertThat(windows.retention()).contains(config.windows().retention());
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheProperty() {
        assertRefused("rhwatch.aggregator.outcomes.max-samples", "0");
        assertRefused("rhwatch.aggregator.history.capacity", "1");
        assertRefused("rhwatch.aggregator.live.interval", "PT0S");
        assertRefused("rhwatch.aggregator.windows.sizes", "");
        assertRefused("rhwatch.aggregator.regression.margin", "1");
        assertRefused("rhwatch.aggregator.regression.min-samples", "0");
        assertRefused("rhwatch.aggregator.regression.false-alarm-rate", "0.7");
    }

    private static void assertRefused(String property, String value) {
        assertThatThrownBy(() -> ConfigMappings.load(AggregatorConfig.class, Map.of(property, value)))
                .as(property + "=" + value)
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(property);
    }
}
