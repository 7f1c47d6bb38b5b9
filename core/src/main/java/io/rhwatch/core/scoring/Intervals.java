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
        if (judged <= 0) {
            return null;
        }
        if (correct < 0 || correct > judged) {
            throw new IllegalArgumentException("correct: must be between 0 and judged (" + judged + "), was " + correct);
        }
        double n = judged;
        double p = correct / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // min/max guard against rounding at p = 0 or 1, where the bound equals p exactly in theory.
        return new Interval(Math.max(0, Math.min(p, centre - half)), Math.min(1, Math.max(p, centre + half)));
    }

    /**
     * Newcombe's hybrid score interval (his method 10) for the difference {@code p1 − p2} of two
     * independent proportions, built from their Wilson intervals; null when either is empty.
     */
    public static Interval difference(long correct1, long judged1, long correct2, long judged2) {
        Interval first = wilson(correct1, judged1);
        Interval second = wilson(correct2, judged2);
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

    private static double square(double x) {
        return x * x;
    }
}
