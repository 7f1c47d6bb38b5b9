package io.rhwatch.ingestion.traffic;

/**
 * A token bucket of probes for one model: it fills at the configured probes per second up to one second's worth (at
 * least one sample's probes), and a sampled record takes as many tokens as probes it becomes. A record that finds too
 * few tokens is skipped, never queued, so a flood of traffic costs no more GPU time than configured and no memory.
 * Over any span T the probes let through are at most rate × T + the capacity. Thread-safe.
 */
public final class ProbeBudget {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double probesPerSecond;
    private final double capacity;
    private double tokens;
    private long refilledAtNanos;

    public ProbeBudget(double probesPerSecond, int probesPerSample, long nowNanos) {
        this.probesPerSecond = probesPerSecond;
        this.capacity = Math.max(probesPerSecond, probesPerSample);
        this.tokens = capacity;
        this.refilledAtNanos = nowNanos;
    }

    /** Takes {@code probes} tokens if the bucket holds them. */
    public synchronized boolean tryTake(int probes, long nowNanos) {
        if (nowNanos > refilledAtNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - refilledAtNanos) / NANOS_PER_SECOND * probesPerSecond);
            refilledAtNanos = nowNanos;
        }
        if (tokens < probes) {
            return false;
        }
        tokens -= probes;
        return true;
    }
}
