package io.rhwatch.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {

    /** The design brief's check curve, (R, P) = (40, 60), (45, 50), (50, 55) percent, at n per cell. */
    private static List<Bootstrap.LevelCounts> designCurve(int n) {
        return List.of(
                new Bootstrap.LevelCounts(0, n, Math.round(0.40 * n), n, Math.round(0.60 * n)),
                new Bootstrap.LevelCounts(100, n, Math.round(0.45 * n), n, Math.round(0.50 * n)),
                new Bootstrap.LevelCounts(200, n, Math.round(0.50 * n), n, Math.round(0.55 * n)));
    }

    /** A clear trade-off: reasoning rises, perception falls, with room between the levels. */
    private static List<Bootstrap.LevelCounts> clearCurve(int n) {
        return List.of(
                new Bootstrap.LevelCounts(0, n, Math.round(0.30 * n), n, Math.round(0.80 * n)),
                new Bootstrap.LevelCounts(100, n, Math.round(0.50 * n), n, Math.round(0.70 * n)),
                new Bootstrap.LevelCounts(200, n, Math.round(0.60 * n), n, Math.round(0.45 * n)),
                new Bootstrap.LevelCounts(400, n, Math.round(0.70 * n), n, Math.round(0.40 * n)));
    }

    @Test
    void aFixedSeedGivesTheSameIntervalEveryTime() {
        Bootstrap.Result first = new Bootstrap().rhAuc(designCurve(300));
        Bootstrap.Result second = new Bootstrap().rhAuc(designCurve(300));

        assertThat(first).isEqualTo(second);
        assertThat(first.rhAuc()).isNotNull();
        assertThat(first.rhAucRaw()).isNotNull();
        assertThat(new Bootstrap(1_000, 7).rhAuc(designCurve(300))).isNotEqualTo(first);
    }

    @Test
    void theOrderOfTheLevelsDoesNotMatter() {
        List<Bootstrap.LevelCounts> levels = new ArrayList<>(clearCurve(200));
        Bootstrap.Result expected = new Bootstrap().rhAuc(levels);
        Random random = new Random(3);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(levels, random);
            assertThat(new Bootstrap().rhAuc(levels)).isEqualTo(expected);
        }
    }

    @Test
    void theIntervalsBracketTheEstimatesAndNarrowWithMoreSamples() {
        for (int n : new int[] {200, 2_000}) {
            RhAuc.Result estimate = RhAuc.compute(clearCurve(n).stream()
                    .map(l -> new RhAuc.Level(l.budget(), (double) l.reasoningCorrect() / l.reasoningN(),
                            (double) l.perceptionCorrect() / l.perceptionN()))
                    .toList());
            Bootstrap.Result result = new Bootstrap().rhAuc(clearCurve(n));
            assertThat(result.rhAuc().contains(estimate.rhAuc())).as("n=%d: %s ∋ %s", n, result.rhAuc(), estimate.rhAuc()).isTrue();
            assertThat(result.rhAucRaw().contains(estimate.rhAucRaw())).as("n=%d raw", n).isTrue();
            assertThat(result.rhAuc().low()).isGreaterThanOrEqualTo(0.0);
            assertThat(result.rhAuc().high()).isLessThanOrEqualTo(1.0);
        }
        Interval few = new Bootstrap().rhAuc(clearCurve(200)).rhAucRaw();
        Interval many = new Bootstrap().rhAuc(clearCurve(2_000)).rhAucRaw();
        assertThat(many.high() - many.low()).isLessThan(few.high() - few.low());
    }

    @Test
    void normalisationAmplifiesNoise() {
        // The design curve's levels are 5 points apart with 300 samples a cell: the normalised value
        // can land almost anywhere, while the raw mean perception stays within a few points.
        Bootstrap.Result result = new Bootstrap().rhAuc(designCurve(300));
        assertThat(result.rhAuc().high() - result.rhAuc().low()).isGreaterThan(0.3);
        assertThat(result.rhAucRaw().high() - result.rhAucRaw().low()).isLessThan(0.15);
    }

    @Test
    void certainCellsNeverMoveSoTheIntervalCollapses() {
        // Every cell all-correct or all-wrong: each resample is the observed curve.
        List<Bootstrap.LevelCounts> levels = List.of(
                new Bootstrap.LevelCounts(0, 10, 0, 10, 10),
                new Bootstrap.LevelCounts(100, 10, 10, 10, 0));
        Bootstrap.Result result = new Bootstrap().rhAuc(levels);
        assertThat(result.rhAuc()).isEqualTo(new Interval(0.5, 0.5));
        assertThat(result.rhAucRaw()).isEqualTo(new Interval(0.5, 0.5));
    }

    @Test
    void aSingleLevelHasNoInterval() {
        assertThat(new Bootstrap().rhAuc(List.of(new Bootstrap.LevelCounts(0, 10, 5, 10, 5))))
                .isEqualTo(new Bootstrap.Result(null, null));
    }

    @Test
    void binomialDrawsHaveTheRightMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(11);
        for (long[] cell : new long[][] {{20, 8}, {400, 100}, {1_000_000, 300_000}}) {
            long n = cell[0];
            double p = (double) cell[1] / n;
            Bootstrap.BinomialSampler sampler = new Bootstrap.BinomialSampler(n, cell[1]);
            int draws = 200_000;
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < draws; i++) {
                long k = sampler.draw(random);
                assertThat(k).isBetween(0L, n);
                sum += k;
                sumSquares += (double) k * k;
            }
            double mean = sum / draws;
            double variance = sumSquares / draws - mean * mean;
            double expectedVariance = n * p * (1 - p);
            assertThat(mean).as("mean of Binomial(%d, %s)", n, p).isCloseTo(n * p, within(5 * Math.sqrt(expectedVariance / draws)));
            assertThat(variance / expectedVariance).as("variance ratio for n=%d", n).isCloseTo(1.0, within(0.03));
        }
    }

    @Test
    void resamplesOutsideTheirRangeAreRejectedNamingTheLimit() {
        assertThatThrownBy(() -> new Bootstrap(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resamples")
                .hasMessageContaining(String.valueOf(Bootstrap.MAX_RESAMPLES));
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1..5], [2.5, 97.5]) = [1.1, 4.9]
        Interval interval = Bootstrap.percentileInterval(new double[] {5, 3, 1, 4, 2, 99}, 5);
        assertThat(interval.low()).isCloseTo(1.1, within(1e-12));
        assertThat(interval.high()).isCloseTo(4.9, within(1e-12));
    }
}
