package io.rhwatch.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Properties of RH-AUC over generated curves, against a reference written independently of {@link RhAuc}. */
class RhAucPropertiesTest {

    @Test
    void rawValueAgreesWithTheReferenceAndIsTheMeanPerceptionOverTheReasoningRange() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<RhAuc.Level> levels = generate(random);
            double[] reference = reference(levels);
            RhAuc.Result result = RhAuc.compute(levels);
            if (reference == null) {
                assertThat(result.rhAucRaw()).isNull();
                assertThat(result.reason()).isEqualTo(RhAuc.FLAT_REASONING);
                continue;
            }
            assertThat(result.rhAucRaw()).isCloseTo(reference[1], within(1e-9));
            double minY = levels.stream().mapToDouble(RhAuc.Level::perceptionAccuracy).min().orElseThrow();
            double maxY = levels.stream().mapToDouble(RhAuc.Level::perceptionAccuracy).max().orElseThrow();
            assertThat(result.rhAucRaw()).isBetween(minY - 1e-12, maxY + 1e-12);
            if (Double.isNaN(reference[0])) {
                assertThat(result.rhAuc()).isNull();
                assertThat(result.reason()).isEqualTo(RhAuc.FLAT_PERCEPTION);
            } else {
                assertThat(result.rhAuc()).isCloseTo(reference[0], within(1e-9));
            }
        }
    }

    @Test
    void invariantUnderTheOrderOfLevelsInTheInput() {
        Random random = new Random(11);
        for (int round = 0; round < 1_000; round++) {
            List<RhAuc.Level> levels = generate(random);
            RhAuc.Result expected = RhAuc.compute(levels);
            for (int shuffle = 0; shuffle < 5; shuffle++) {
                List<RhAuc.Level> shuffled = new ArrayList<>(levels);
                Collections.shuffle(shuffled, random);
                assertThat(RhAuc.compute(shuffled)).isEqualTo(expected);
            }
        }
    }

    @Test
    void constantPerceptionGivesThatConstantAsTheRawValue() {
        RhAuc.Result result = RhAuc.compute(List.of(
                new RhAuc.Level(0, 0.1, 0.42), new RhAuc.Level(50, 0.3, 0.42), new RhAuc.Level(100, 0.9, 0.42)));
        assertThat(result.rhAucRaw()).isCloseTo(0.42, within(1e-12));
        assertThat(result.rhAuc()).isNull();
    }

    /** 2-10 levels on a coarse grid, so ties in reasoning accuracy and flat axes are common. */
    private static List<RhAuc.Level> generate(Random random) {
        int count = 2 + random.nextInt(9);
        int grid = 2 + random.nextInt(10);
        List<RhAuc.Level> levels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            levels.add(new RhAuc.Level(i * 50, random.nextInt(grid + 1) / (double) grid,
                    random.nextInt(grid + 1) / (double) grid));
        }
        return levels;
    }

    /**
     * {normalised, raw}, NaN for an undefined normalised value, null when reasoning is flat:
     * stable sort of indices by x (level order breaks ties), trapezoid over arrays.
     */
    private static double[] reference(List<RhAuc.Level> levels) {
        int n = levels.size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> levels.get(a).budget() - levels.get(b).budget());
        order.sort((a, b) -> Double.compare(levels.get(a).reasoningAccuracy(), levels.get(b).reasoningAccuracy()));
        double[] x = order.stream().mapToDouble(i -> levels.get(i).reasoningAccuracy()).toArray();
        double[] y = order.stream().mapToDouble(i -> levels.get(i).perceptionAccuracy()).toArray();
        double xMin = Arrays.stream(x).min().orElseThrow();
        double xMax = Arrays.stream(x).max().orElseThrow();
        double yMin = Arrays.stream(y).min().orElseThrow();
        double yMax = Arrays.stream(y).max().orElseThrow();
        if (xMax == xMin) {
            return null;
        }
        double raw = trapezoid(y, x) / (xMax - xMin);
        if (yMax == yMin) {
            return new double[] {Double.NaN, raw};
        }
        double[] xn = Arrays.stream(x).map(v -> (v - xMin) / (xMax - xMin)).toArray();
        double[] yn = Arrays.stream(y).map(v -> (v - yMin) / (yMax - yMin)).toArray();
        return new double[] {trapezoid(yn, xn), raw};
    }

    private static double trapezoid(double[] y, double[] x) {
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return area;
    }
}
