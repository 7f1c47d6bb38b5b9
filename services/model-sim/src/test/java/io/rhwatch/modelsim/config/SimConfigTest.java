package io.rhwatch.modelsim.config;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.modelsim.capacity.ServingCapacity;
import io.rhwatch.testsupport.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapping under rhwatch.sim, capacity included: its defaults, and a capacity out of range refused at start. */
class SimConfigTest {

    @Test
    void theSimulatorStartsWithItsDefaultsAndItsApplicationProperties() {
        SimConfig config = ConfigMappings.load(SimConfig.class, ConfigMappings.applicationProperties());

        assertThat(config.models()).containsKeys(MeshPlan.models().toArray(String[]::new));
        assertThat(config.fullThinkingTokens()).isEqualTo(600);
        assertThat(config.judge().name()).isEqualTo("rh-sim-judge");
        assertThat(config.capacity().slots()).isZero();
        assertThat(config.capacity().serviceTime()).isEqualTo(Duration.ZERO);
        assertThat(config.capacity().faults().unavailableRate()).isZero();
        assertThat(config.capacity().faults().slowFactor()).isEqualTo(10);
        assertThat(config.capacity().faults().seed()).isEmpty();
    }

    @Test
    void aCapacityOutOfRangeIsRefusedNamingTheProperty() {
        SimConfig config = ConfigMappings.load(SimConfig.class, Map.of("rhwatch.sim.capacity.faults.slow-rate", "1.5"));

        assertThatThrownBy(() -> new ServingCapacity(config, new SimpleMeterRegistry()))
                .hasMessageContaining("rhwatch.sim.capacity.faults.slow-rate must be between 0 and 1, got 1.5");
    }
}
