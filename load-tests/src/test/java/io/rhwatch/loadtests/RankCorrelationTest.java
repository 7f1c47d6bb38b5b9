package io.rhwatch.loadtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Against values computed by hand (the working is in the comments). */
class RankCorrelationTest {

    @Test
    void withoutTiesSpearmanIsOneMinusSixSumOfSquaredRankDifferencesAndKendallCountsPairs() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 1, 4, 3, 5};
        // d = -1, 1, -1, 1, 0; sum d^2 = 4; 1 - 6 * 4 / (5 * 24) = 0.8
        assertThat(RankCorrelation.spearman(x, y)).isCloseTo(0.8, within(1e-12));
        // 10 pairs, discordant (1,2) and (3,4): (8 - 2) / 10
        assertThat(RankCorrelation.kendallTauB(x, y)).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void tiesShareTheirAverageRankAndTauBDiscountsTiedPairs() {
        double[] x = {1, 2, 2, 3};
        double[] y = {1, 2, 3, 3};
        assertThat(RankCorrelation.ranks(x)).containsExactly(1, 2.5, 2.5, 4);
        assertThat(RankCorrelation.ranks(y)).containsExactly(1, 2, 3.5, 3.5);
        // rank deviations from 2.5: x -1.5, 0, 0, 1.5; y -1.5, -0.5, 1, 1; 3.75 / sqrt(4.5 * 4.5)
        assertThat(RankCorrelation.spearman(x, y)).isCloseTo(3.75 / 4.5, within(1e-12));
        // 6 pairs: 4 concordant, none discordant, one tied in x (2,3), one tied in y (3,4): 4 / sqrt(5 * 5)
        assertThat(RankCorrelation.kendallTauB(x, y)).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void aReversedOrderIsMinusOneAndAMonotoneTransformChangesNothing() {
        double[] x = {0.9, 0.7, 0.6, 0.5, 0.3, 0.2};
        assertThat(RankCorrelation.spearman(x, new double[] {1, 2, 3, 4, 5, 6})).isCloseTo(-1, within(1e-12));
        assertThat(RankCorrelation.kendallTauB(x, new double[] {1, 2, 3, 4, 5, 6})).isCloseTo(-1, within(1e-12));
        assertThat(RankCorrelation.spearman(x, new double[] {0.81, 0.49, 0.36, 0.25, 0.09, 0.04})).isCloseTo(1, within(1e-12));
    }

    @Test
    void noSpreadIsNoRankingAndMismatchedInputIsRefused() {
        assertThat(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThat(RankCorrelation.kendallTauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThatThrownBy(() -> RankCorrelation.spearman(new double[] {1, 2}, new double[] {1}))
                .hasMessageContaining("2 and 1 values");
        assertThatThrownBy(() -> RankCorrelation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .hasMessageContaining("NaN");
    }
}
