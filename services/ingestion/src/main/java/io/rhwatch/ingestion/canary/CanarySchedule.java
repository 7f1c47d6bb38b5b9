package io.rhwatch.ingestion.canary;

/**
 * When a model's canaries are due: at {@code perHour} canaries an hour, canary n is due at n × (3,600,000 / perHour)
 * ms of wall-clock time after {@link #ORIGIN} (2026-01-01T00:00:00Z). The schedule is a function of time alone, so every replica and every
 * restart agrees on which canary is due when and calls it by the same id: a canary sent twice (two replicas, or a
 * restart within its slot) is the same sample and epoch, which the aggregator counts once.
 */
record CanarySchedule(int perHour) {

    private static final long HOUR_MS = 3_600_000L;
    /** Where canary numbers start; a fixed instant, so that their epochs (number / pool size) stay small. */
    static final long ORIGIN = java.time.Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** The number of the last canary due at or before {@code atMs} (Unix epoch milliseconds). */
    long lastDue(long atMs) {
        return Math.floorDiv((atMs - ORIGIN) * perHour, HOUR_MS);
    }
}
