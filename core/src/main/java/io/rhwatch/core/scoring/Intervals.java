package io.rhwatch.core.scoring;

/** Closed-form 95% intervals for proportions and their differences. */
public final class Intervals {

    /** The 0.975 quantile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private Intervals() {
    }

    /**
     * The Wilson score interval of {@code correct} successes in {@code judged} trials, or null when
     * nothing was judged. Unlike the normal approximation it stays inside [0, 1] and is honest at
     * accuracies near 0 or 1 and at small n.
     */
    public static Interval wilson(long correct, long judged) {
        return wilson(correct, judged, Z);
    }

    /** The Wilson score interval at the two-sided level of the normal quantile {@code z} (1.96 for 95%). */
    public static Interval wilson(long correct, long judged, double z) {
        if (judged <= 0) {
            return null;
        }
        if (correct < 0 || correct > judged) {
            throw new IllegalArgumentException("correct: must be between 0 and judged (" + judged + "), was " + correct);
        }
        double n = judged;
        double p = correct / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // min/max guard against rounding at p = 0 or 1, where the bound equals p exactly in theory.
        return new Interval(Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half)));
    }

    /**
     * Newcombe's hybrid score interval (his method 10) for the difference {@code p1 − p2} of two
     * independent proportions, built from their Wilson intervals; null when either is empty.
     */
    public static Interval difference(long correct1, long judged1, long correct2, long judged2) {
        return difference(correct1, judged1, correct2, judged2, Z);
    }

    /** Newcombe's hybrid score interval for {@code p1 − p2} at the two-sided level of the normal quantile {@code z}. */
    public static Interval difference(long correct1, long judged1, long correct2, long judged2, double z) {
        Interval first = wilson(correct1, judged1, z);
        Interval second = wilson(correct2, judged2, z);
        if (first == null || second == null) {
            return null;
        }
        double p1 = (double) correct1 / judged1;
        double p2 = (double) correct2 / judged2;
        double difference = p1 - p2;
        double below = Math.sqrt(square(p1 - first.low()) + square(second.high() - p2));
        double above = Math.sqrt(square(first.high() - p1) + square(p2 - second.low()));
        return new Interval(Math.max(-1, difference - below), Math.min(1, difference + above));
    }

    /**
     * Newcombe's score interval for the difference {@code p1 − p2} of two proportions measured on the
     * same n subjects (his method 10 for paired data, 1998), from the paired 2×2 table: both correct,
     * only the first, only the second, neither. It combines the two Wilson intervals with the
     * estimated correlation ψ between the margins (continuity-corrected as Newcombe does), so it
     * narrows as the pairing explains more of the variation; null when n is 0.
     */
    public static Interval pairedDifference(long both, long firstOnly, long secondOnly, long neither) {
        if (both < 0 || firstOnly < 0 || secondOnly < 0 || neither < 0) {
            throw new IllegalArgumentException("paired counts: must not be negative, were "
                    + both + ", " + firstOnly + ", " + secondOnly + ", " + neither);
        }
        long n = both + firstOnly + secondOnly + neither;
        if (n == 0) {
            return null;
        }
        long first = both + firstOnly;
        long second = both + secondOnly;
        Interval w1 = wilson(first, n);
        Interval w2 = wilson(second, n);
        double p1 = (double) first / n;
        double p2 = (double) second / n;
        double margins = (double) first * (n - first) * second * (n - second);
        double psi = 0;
        if (margins > 0) {
            double a = (double) both * neither - (double) firstOnly * secondOnly;
            psi = a > n / 2.0 ? (a - n / 2.0) / Math.sqrt(margins) : a >= 0 ? 0 : a / Math.sqrt(margins);
        }
        double d1 = p1 - w1.low();
        double e2 = w2.high() - p2;
        double d2 = p2 - w2.low();
        double e1 = w1.high() - p1;
        double difference = p1 - p2;
        double below = Math.sqrt(Math.max(0, d1 * d1 - 2 * psi * d1 * e2 + e2 * e2));
        double above = Math.sqrt(Math.max(0, d2 * d2 - 2 * psi * d2 * e1 + e1 * e1));
        return new Interval(Math.max(-1, difference - below), Math.min(1, difference + above));
    }

    private static double square(double x) {
        return x * x;
    }
}
