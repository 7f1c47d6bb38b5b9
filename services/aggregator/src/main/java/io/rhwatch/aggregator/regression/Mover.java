package io.rhwatch.aggregator.regression;

import io.rhwatch.core.scoring.Interval;

/**
 * The interval of a difference of two independent estimates from their own intervals (MOVER, Zou and Donner
 * 2008; Newcombe's hybrid interval is its case for proportions): each side's distance to its bounds, combined in
 * quadrature, so skewed intervals stay skewed.
 */
final class Mover {

    private Mover() {
    }

    /** The interval of {@code first − second}, or null when either value or interval is missing. */
    static Interval difference(Double first, Interval firstCi, Double second, Interval secondCi) {
        if (first == null || second == null || firstCi == null || secondCi == null) {
            return null;
        }
        double difference = first - second;
        double below = Math.hypot(first - firstCi.low(), secondCi.high() - second);
        double above = Math.hypot(firstCi.high() - first, second - secondCi.low());
        return new Interval(difference - below, difference + above);
    }
}
