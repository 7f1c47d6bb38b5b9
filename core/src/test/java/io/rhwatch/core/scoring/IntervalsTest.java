package io.rhwatch.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IntervalsTest {

    @Test
    void wilsonMatchesPublishedValues() {
        // Newcombe (1998), "Two-sided confidence intervals for the single proportion", example 81/263: 0.2553 to 0.3662.
        Interval published = Intervals.wilson(81, 263);
        assertThat(published.low()).isCloseTo(0.2553, within(5e-5));
        assertThat(published.high()).isCloseTo(0.3662, within(5e-5));
        Interval eightOfTwenty = Intervals.wilson(8, 20);
        assertThat(eightOfTwenty.low()).isCloseTo(0.21880653237281708, within(1e-12));
        assertThat(eightOfTwenty.high()).isCloseTo(0.6134184992377468, within(1e-12));
    }

    @Test
    void wilsonStaysInsideTheUnitIntervalAtTheEdges() {
        assertThat(Intervals.wilson(0, 10).low()).isEqualTo(0.0);
        assertThat(Intervals.wilson(0, 10).high()).isCloseTo(0.2775327998628892, within(1e-12));
        assertThat(Intervals.wilson(10, 10).high()).isEqualTo(1.0);
        assertThat(Intervals.wilson(10, 10).low()).isCloseTo(0.7224672001371107, within(1e-12));
    }

    @Test
    void nothingJudgedHasNoInterval() {
        assertThat(Intervals.wilson(0, 0)).isNull();
        assertThat(Intervals.difference(1, 2, 0, 0)).isNull();
    }

    @Test
    void impossibleCountsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Intervals.wilson(5, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("correct")
                .hasMessageContaining("judged (4)");
    }

    @Test
    void newcombeDifferenceMatchesThePublishedExample() {
        // Newcombe (1998), "Interval estimation for the difference between independent proportions",
        // 56/70 − 48/80, method 10: 0.0524 to 0.3339.
        Interval gap = Intervals.difference(56, 70, 48, 80);
        assertThat(gap.low()).isCloseTo(0.0524, within(5e-5));
        assertThat(gap.high()).isCloseTo(0.3339, within(5e-5));
    }

    @Test
    void everyIntervalContainsItsPointEstimate() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            int n1 = 1 + random.nextInt(random.nextBoolean() ? 10 : 2_000);
            int n2 = 1 + random.nextInt(random.nextBoolean() ? 10 : 2_000);
            int c1 = random.nextInt(n1 + 1);
            int c2 = random.nextInt(n2 + 1);
            double p1 = (double) c1 / n1;
            double p2 = (double) c2 / n2;

            Interval wilson = Intervals.wilson(c1, n1);
            assertThat(wilson.contains(p1)).as("wilson %d/%d = %s", c1, n1, wilson).isTrue();
            assertThat(wilson.low()).isGreaterThanOrEqualTo(0.0);
            assertThat(wilson.high()).isLessThanOrEqualTo(1.0);

            Interval gap = Intervals.difference(c1, n1, c2, n2);
            assertThat(gap.contains(p1 - p2)).as("gap %d/%d − %d/%d = %s", c1, n1, c2, n2, gap).isTrue();
            assertThat(gap.low()).isGreaterThanOrEqualTo(-1.0);
            assertThat(gap.high()).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void wilsonNarrowsAsSamplesGrow() {
        Interval small = Intervals.wilson(40, 100);
        Interval large = Intervals.wilson(400, 1_000);
        assertThat(large.high() - large.low()).isLessThan(small.high() - small.low());
        // a few hundred samples: about ±4-5 points, as the design brief says
        Interval typical = Intervals.wilson(200, 400);
        assertThat(typical.high() - typical.low()).isBetween(0.08, 0.10);
    }

    @Test
    void newcombePairedDifferenceMatchesAnIndependentComputation() {
        // Cavo et al. (2012) as in Fagerland, Lydersen and Laake's "Statistical Analysis of Contingency Tables",
        // chapter 8: both 59, first only 6, second only 16, neither 80. The reference values come from a separate
        // Python transcription of Newcombe's method 10.
        Interval cavo = Intervals.pairedDifference(59, 6, 16, 80);
        assertThat(cavo.low()).isCloseTo(-0.11862119563870992, within(1e-12));
        assertThat(cavo.high()).isCloseTo(-0.004625113933050047, within(1e-12));
        // Bentur et al. (2009), the same chapter: ad − bc = 5 is within the continuity correction n/2, so ψ = 0.
        Interval bentur = Intervals.pairedDifference(1, 1, 7, 12);
        assertThat(bentur.low()).isCloseTo(-0.506920226686141, within(1e-12));
        assertThat(bentur.high()).isCloseTo(-0.02555912416485978, within(1e-12));
        assertThat(Intervals.pairedDifference(0, 0, 0, 0)).isNull();
        assertThatThrownBy(() -> Intervals.pairedDifference(1, -1, 0, 0)).hasMessageStartingWith("paired counts:");
    }
}
