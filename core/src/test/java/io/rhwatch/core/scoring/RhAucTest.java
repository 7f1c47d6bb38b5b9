package io.rhwatch.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RhAucTest {

    @Test
    void matchesTheDesignCheckValue() {
        // DESIGN.md: points (P, R) = (60, 40), (50, 45), (55, 50) give RH-AUC 0.375.
        RhAuc.Result result = RhAuc.compute(List.of(
                new RhAuc.Level(0, 0.40, 0.60),
                new RhAuc.Level(100, 0.45, 0.50),
                new RhAuc.Level(200, 0.50, 0.55)));

        assertThat(result.rhAuc()).isCloseTo(0.375, within(1e-12));
        // trapezoid(y, x) = 0.05 * (0.60 + 0.50) / 2 + 0.05 * (0.50 + 0.55) / 2 = 0.05375, over a 0.10 range
        assertThat(result.rhAucRaw()).isCloseTo(0.5375, within(1e-12));
        assertThat(result.reason()).isEmpty();
    }

    @Test
    void tiesInReasoningAccuracyKeepAscendingLevelOrder() {
        // Two levels share x = 0.5: the lower level must come first, so the segment between them is vertical
        // and the area depends only on which y is adjacent to which neighbour.
        List<RhAuc.Level> levels = List.of(
                new RhAuc.Level(300, 0.5, 0.2),
                new RhAuc.Level(0, 0.0, 1.0),
                new RhAuc.Level(100, 0.5, 0.8),
                new RhAuc.Level(600, 1.0, 0.0));

        // sorted: (0,1.0) (0.5,0.8 @100) (0.5,0.2 @300) (1,0): 0.5*(1+0.8)/2 + 0 + 0.5*(0.2+0)/2 = 0.5
        assertThat(RhAuc.compute(levels).rhAuc()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void fewerThanTwoLevelsGivesNoValuesAndSaysWhy() {
        assertThat(RhAuc.compute(List.of())).isEqualTo(new RhAuc.Result(null, null, RhAuc.TOO_FEW_LEVELS));
        assertThat(RhAuc.compute(List.of(new RhAuc.Level(0, 0.3, 0.7))))
                .isEqualTo(new RhAuc.Result(null, null, RhAuc.TOO_FEW_LEVELS));
    }

    @Test
    void flatReasoningGivesNoValues() {
        RhAuc.Result result = RhAuc.compute(List.of(new RhAuc.Level(0, 0.5, 0.7), new RhAuc.Level(100, 0.5, 0.6)));
        assertThat(result).isEqualTo(new RhAuc.Result(null, null, RhAuc.FLAT_REASONING));
    }

    @Test
    void flatPerceptionKeepsTheRawValue() {
        RhAuc.Result result = RhAuc.compute(List.of(new RhAuc.Level(0, 0.2, 0.7), new RhAuc.Level(100, 0.6, 0.7)));
        assertThat(result.rhAuc()).isNull();
        assertThat(result.rhAucRaw()).isCloseTo(0.7, within(1e-12));
        assertThat(result.reason()).isEqualTo(RhAuc.FLAT_PERCEPTION);
    }

    @Test
    void agreesWithAnIndependentReferenceOnRandomCurvesAndIgnoresInputOrder() {
        Random random = new Random(20505_21523L);
        for (int round = 0; round < 2_000; round++) {
            int count = 2 + random.nextInt(9);
            List<RhAuc.Level> levels = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // coarse values make ties in x common
                levels.add(new RhAuc.Level(i * 50, random.nextInt(11) / 10.0, random.nextInt(101) / 100.0));
            }
            Double expected = reference(levels);
            List<RhAuc.Level> shuffled = new ArrayList<>(levels);
            Collections.shuffle(shuffled, random);

            RhAuc.Result result = RhAuc.compute(shuffled);
            if (expected == null) {
                assertThat(result.rhAuc()).isNull();
            } else {
                assertThat(result.rhAuc()).isCloseTo(expected, within(1e-9));
                assertThat(result.rhAuc()).isBetween(0.0, 1.0);
            }
        }
    }

    /**
     * The MLRM-Halu reference written the way the paper's script does it: arrays sorted by an index
     * permutation, normalised arrays built first, then numpy-style trapz over them.
     */
    private static Double reference(List<RhAuc.Level> levels) {
        int n = levels.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int byX = Double.compare(levels.get(a).reasoningAccuracy(), levels.get(b).reasoningAccuracy());
            return byX != 0 ? byX : Integer.compare(levels.get(a).budget(), levels.get(b).budget());
        });
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = levels.get(order[i]).reasoningAccuracy();
            y[i] = levels.get(order[i]).perceptionAccuracy();
        }
        double xMin = java.util.Arrays.stream(x).min().orElseThrow();
        double xMax = java.util.Arrays.stream(x).max().orElseThrow();
        double yMin = java.util.Arrays.stream(y).min().orElseThrow();
        double yMax = java.util.Arrays.stream(y).max().orElseThrow();
        if (xMax == xMin || yMax == yMin) {
            return null;
        }
        double[] xn = new double[n];
        double[] yn = new double[n];
        for (int i = 0; i < n; i++) {
            xn[i] = (x[i] - xMin) / (xMax - xMin);
            yn[i] = (y[i] - yMin) / (yMax - yMin);
        }
        double area = 0;
        for (int i = 0; i < n - 1; i++) {
            area += (xn[i + 1] - xn[i]) * (yn[i + 1] + yn[i]) / 2.0;
        }
        return area;
    }
}
