package io.rhwatch.modelsim.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AccuracyCurveTest {

    @Test
    void movesFromTheZeroLevelToTheFullLevelAndStays() {
        AccuracyCurve late = new AccuracyCurve(0.9, 0.5, 2, 600);
        assertThat(late.at(0)).isEqualTo(0.9);
        assertThat(late.at(300)).isCloseTo(0.8, within(1e-12));
        assertThat(late.at(600)).isCloseTo(0.5, within(1e-12));
        assertThat(late.at(5000)).isCloseTo(0.5, within(1e-12));

        AccuracyCurve early = new AccuracyCurve(0.9, 0.5, 0.5, 600);
        assertThat(early.at(150)).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        assertThatThrownBy(() -> new AccuracyCurve(1.2, 0.5, 1, 600)).hasMessage("at-zero must be between 0 and 1, got 1.2");
        assertThatThrownBy(() -> new AccuracyCurve(0.9, -0.1, 1, 600)).hasMessage("at-full must be between 0 and 1, got -0.1");
        assertThatThrownBy(() -> new AccuracyCurve(0.9, 0.5, 0, 600)).hasMessage("exponent must be a positive number, got 0.0");
        assertThatThrownBy(() -> new AccuracyCurve(0.9, 0.5, 1, 0)).hasMessage("full-thinking-tokens must be at least 1, got 0");
        AccuracyCurve any = new AccuracyCurve(0.5, 0.5, 1, 600);
        assertThatThrownBy(() -> new ModelProfile("m", 1, 1.0, any, any)).hasMessage("refusal-rate must be at least 0 and below 1, got 1.0");
    }
}
