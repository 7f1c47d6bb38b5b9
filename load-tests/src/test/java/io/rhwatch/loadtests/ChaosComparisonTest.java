package io.rhwatch.loadtests;

import io.rhwatch.cli.client.AggregatorClient.Cell;
import io.rhwatch.cli.client.AggregatorClient.ModelCurve;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosComparisonTest {

    @Test
    void theSameCountsAndRhAucAreNothingLostNothingCountedTwice() {
        Map<String, ModelCurve> quiet = Map.of("a", curve("a", 0.5, 0.6, 10, 10), "b", curve("b", null, 0.4, 10, 10));

        ChaosComparison same = ChaosComparison.of(20, quiet, Map.of("a", curve("a", 0.5 + 1e-12, 0.6, 10, 10),
                "b", curve("b", null, 0.4, 10, 10)));

        assertThat(same).isEqualTo(new ChaosComparison(40, 0, 0, true, List.of()));
    }

    @Test
    void aMissingJudgmentIsLostAndAnExtraOneIsCountedTwiceEvenWhenTheTotalsMatch() {
        Map<String, ModelCurve> quiet = Map.of("a", curve("a", 0.5, 0.6, 10, 10));

        ChaosComparison shifted = ChaosComparison.of(20, quiet, Map.of("a", curve("a", 0.5, 0.6, 9, 11)));

        assertThat(shifted.lost()).isEqualTo(1);
        assertThat(shifted.countedTwice()).isEqualTo(1);
        assertThat(shifted.differences()).containsExactly("a budget 0 perception none: 1 lost", "a budget 0 reasoning none: 1 counted twice");
    }

    @Test
    void rhAucFurtherThanOneInABillionOrNullOnOneSideIsNotEqual() {
        Map<String, ModelCurve> quiet = Map.of("a", curve("a", 0.5, 0.6, 10, 10));

        assertThat(ChaosComparison.of(20, quiet, Map.of("a", curve("a", 0.5 + 1e-8, 0.6, 10, 10))).rhAucEqual()).isFalse();
        assertThat(ChaosComparison.of(20, quiet, Map.of("a", curve("a", null, 0.6, 10, 10))).rhAucEqual()).isFalse();
        assertThat(ChaosComparison.of(20, quiet, Map.of("a", curve("a", 0.5, 0.7, 10, 10))).rhAucEqual()).isFalse();
    }

    @Test
    void aModelTheChaosRunNeverCountedIsAllLost() {
        ChaosComparison missing = ChaosComparison.of(20, Map.of("a", curve("a", 0.5, 0.6, 10, 10)), Map.of());

        assertThat(missing.lost()).isEqualTo(20);
        assertThat(missing.rhAucEqual()).isFalse();
    }

    @Test
    void anIncompleteQuietRunIsNoReference() {
        assertThatThrownBy(() -> ChaosComparison.of(21, Map.of("a", curve("a", 0.5, 0.6, 10, 10)), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the quiet run counted 20 judgments of a instead of 21, so it is no reference");
    }

    private static ModelCurve curve(String model, Double rhAuc, Double rhAucRaw, long perception, long reasoning) {
        return new ModelCurve(model, rhAuc, null, rhAucRaw, null, null, perception + reasoning, List.of(), List.of(
                new Cell(0, "perception", "none", perception, 0, null, null, 0, 0),
                new Cell(0, "reasoning", "none", reasoning, 0, null, null, 0, 0)));
    }
}
