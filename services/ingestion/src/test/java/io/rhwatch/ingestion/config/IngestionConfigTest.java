package io.rhwatch.ingestion.config;

import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.ingestion.config.TrafficSettings.Monitoring;
import io.rhwatch.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapping under rhwatch.ingestion: its defaults, and values out of range refused at start, naming the property. */
class IngestionConfigTest {

    @Test
    void theServiceStartsWithItsDefaultsAndItsApplicationProperties() {
        IngestionConfig config = ConfigMappings.load(IngestionConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.maxImageBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(config.maxChoices()).isEqualTo(26);
        assertThat(config.decodeWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxServedReasoningTokens()).isEqualTo(MeshPlan.MAX_BUDGET);
        assertThat(config.duplicateWindow()).isEqualTo(Duration.parse(MeshPlan.REDELIVERY_WINDOW_SETTING));
        assertThat(config.importRoot()).isEmpty();
        assertThat(config.traffic().defaults().mode()).isEqualTo(Monitoring.PASSIVE);
        assertThat(config.traffic().defaults().sampleFraction()).isEqualTo(0.05);
        assertThat(config.traffic().defaults().maxProbesPerSecond()).isEqualTo(4.0);
        assertThat(config.traffic().bucketEdges()).containsExactly(0, 256, 512, 1024, 2048, 4096, 8192, 16384);
        assertThat(config.traffic().probesPerSample()).isEmpty();
        assertThat(config.canary().perHour()).isEmpty();
        assertThat(config.canary().benchmarkSamples()).isEqualTo(200);
    }

    @Test
    void aLimitOutOfRangeIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ConfigMappings.load(IngestionConfig.class, Map.of("rhwatch.ingestion.max-choices", "27")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.ingestion.max-choices");
        assertThatThrownBy(() -> ConfigMappings.load(IngestionConfig.class, Map.of("rhwatch.ingestion.max-image-bytes", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.ingestion.max-image-bytes");
    }

    @Test
    void aTrafficOrCanarySettingOutOfRangeIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ConfigMappings.load(IngestionConfig.class,
                Map.of("rhwatch.ingestion.traffic.models.\"rh-a\".sample-fraction", "1.5")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.ingestion.traffic.models.rh-a.sample-fraction must be less than or equal to 1");
        assertThatThrownBy(() -> ConfigMappings.load(IngestionConfig.class, Map.of("rhwatch.ingestion.traffic.bucket-edges", "-1,256")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.ingestion.traffic.bucket-edges");
        assertThatThrownBy(() -> ConfigMappings.load(IngestionConfig.class, Map.of("rhwatch.ingestion.canary.benchmark-samples", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("rhwatch.ingestion.canary.benchmark-samples");
    }
}
