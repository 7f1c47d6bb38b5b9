package io.rhwatch.ingestion.traffic;

/**
 * Events per second over the last {@code seconds} whole seconds: one slot per second in a ring. The second under way
 * is left out, so a steady rate reads as itself rather than dipping at the start of every second. Thread-safe.
 */
final class RateWindow {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int seconds;
    private final long[] counts;
    private final long[] slotSecond;

    RateWindow(int seconds) {
        this.seconds = seconds;
        this.counts = new long[seconds + 1];
        this.slotSecond = new long[seconds + 1];
        java.util.Arrays.fill(slotSecond, Long.MIN_VALUE);
    }

    synchronized void add(long events, long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        int slot = (int) Math.floorMod(second, (long) counts.length);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            counts[slot] = 0;
        }
        counts[slot] += events;
    }

    synchronized double perSecond(long nowNanos) {
        long current = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (slotSecond[i] < current && slotSecond[i] >= current - seconds) {
                sum += counts[i];
            }
        }
        return (double) sum / seconds;
    }
}
