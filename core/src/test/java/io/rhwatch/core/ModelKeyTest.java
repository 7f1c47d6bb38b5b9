package io.rhwatch.core;

import io.rhwatch.proto.v1.Judgment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelKeyTest {

    @Test
    void theDefaultVersionKeepsTheNameAndOthersAreNameAtVersion() {
        assertThat(ModelKey.of("m", "")).isEqualTo("m");
        assertThat(ModelKey.of("m", ModelKey.DEFAULT_VERSION)).isEqualTo("m");
        assertThat(ModelKey.of("org/m", "v2")).isEqualTo("org/m@v2");
        assertThat(ModelKey.keyed(Judgment.newBuilder().setModel("m").setModelVersion("v2").build()).getModel()).isEqualTo("m@v2");
        assertThat(ModelKey.keyed(Judgment.newBuilder().setModel("m").build()).getModel()).isEqualTo("m");

        assertThat(ModelKey.parse(" m@v2 ")).isEqualTo("m@v2");
        assertThat(ModelKey.parse("m@default")).isEqualTo("m");
        assertThat(ModelKey.parse("m")).isEqualTo("m");
        assertThatThrownBy(() -> ModelKey.parse("m@")).hasMessageContaining("version after '@' is empty");
        assertThatThrownBy(() -> ModelKey.parse("@v1")).hasMessageContaining("expected NAME@VERSION");
    }
}
