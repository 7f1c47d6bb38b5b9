package io.rhwatch.corruption.config;

import io.rhwatch.corruption.TestSamples;
import io.rhwatch.proto.v1.Corruption;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbePlanTest {

    @Test
    void theDefaultsAreTheDesignsLevelsAndAllThreeCorruptions() {
        ProbePlan plan = new ProbePlan(TestSamples.config(Map.of()));

        assertThat(plan.models()).containsExactly("rh-sim-steady", "rh-sim-drifty");
        assertThat(plan.budgets()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);
        assertThat(plan.corruptions()).containsExactly(Corruption.CORRUPTION_BLANK_IMAGE,
                Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL);
        assertThat(plan.needsDonors()).isTrue();
    }

    @Test
    void budgetsMustBeNonNegativeAndStrictlyAscending() {
        assertThatThrownBy(() -> plan("rhwatch.corruption.budgets", "0,100,50"))
                .hasMessage("rhwatch.corruption.budgets: must be strictly ascending, got [0, 100, 50]");
        assertThatThrownBy(() -> plan("rhwatch.corruption.budgets", "0,50,50"))
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> plan("rhwatch.corruption.budgets", "-10,0"))
                .hasMessageContaining("rhwatch.corruption.budgets: -10 is negative");
    }

    @Test
    void anUnknownCorruptionFailsNamingTheChoices() {
        assertThatThrownBy(() -> plan("rhwatch.corruption.corruptions", "blank_image,fog"))
                .hasMessageContaining("rhwatch.corruption.corruptions: unknown corruption 'fog'; use any of blank_image, random_image, text_removal");
        assertThatThrownBy(() -> plan("rhwatch.corruption.corruptions", "clean"))
                .hasMessageContaining("unknown corruption 'clean'");
        assertThatThrownBy(() -> plan("rhwatch.corruption.corruptions", "blank-image,blank_image"))
                .hasMessageContaining("listed twice");
    }

    @Test
    void modelNamesMustBeUsableInProbeIds() {
        assertThatThrownBy(() -> plan("rhwatch.corruption.models", "a|b"))
                .hasMessageContaining("rhwatch.corruption.models: 'a|b'");
        assertThatThrownBy(() -> plan("rhwatch.corruption.models", "m,m"))
                .hasMessageContaining("'m' is listed twice");
    }

    @Test
    void withoutRandomImageNoDonorIsNeeded() {
        assertThat(plan("rhwatch.corruption.corruptions", "blank_image,text_removal").needsDonors()).isFalse();
    }

    private static ProbePlan plan(String key, String value) {
        return new ProbePlan(TestSamples.config(Map.of(key, value)));
    }
}
