package io.rhwatch.core.scoring;

/** A 95% interval {@code [low, high]}. */
public record Interval(double low, double high) {

    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval: low must not exceed high, was [" + low + ", " + high + "]");
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
