package io.rhwatch.loadtests;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank agreement between two measures of the same items: Spearman's rho with ties (the Pearson correlation of the
 * average ranks) and Kendall's tau-b (concordant minus discordant pairs, corrected for ties on either side). Both are
 * NaN when either side has no spread, or fewer than two items, as no ranking can agree or disagree then.
 */
final class RankCorrelation {

    private RankCorrelation() {
    }

    static double spearman(double[] x, double[] y) {
        requireSameLength(x, y);
        double[] rx = ranks(x), ry = ranks(y);
        double meanX = Arrays.stream(rx).average().orElse(Double.NaN);
        double meanY = Arrays.stream(ry).average().orElse(Double.NaN);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < rx.length; i++) {
            double dx = rx[i] - meanX, dy = ry[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    static double kendallTauB(double[] x, double[] y) {
        requireSameLength(x, y);
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, pairs = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                pairs++;
                int sx = Double.compare(x[i], x[j]), sy = Double.compare(y[i], y[j]);
                if (sx == 0) {
                    tiedX++;
                }
                if (sy == 0) {
                    tiedY++;
                }
                if (sx != 0 && sy != 0) {
                    if (sx == sy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /** 1-based ranks, tied values sharing the average of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double average = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = average;
            }
            start = end + 1;
        }
        return ranks;
    }

    private static void requireSameLength(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("both measures must rank the same items: " + x.length + " and " + y.length + " values");
        }
        for (double v : x) {
            requireNumber(v);
        }
        for (double v : y) {
            requireNumber(v);
        }
    }

    private static void requireNumber(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("a value to rank is NaN");
        }
    }
}
