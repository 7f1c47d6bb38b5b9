package io.rhwatch.loadtests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When each partition of a consumer group stood still: a stall is an interval in which the partition had records
 * waiting (its committed offset below the end) and its committed offset did not move. It runs from the last
 * observation at which the partition was fine (moved, or had nothing waiting) to the first one at which it is fine
 * again. Consumers commit every few seconds, so a busy partition stalls a little between commits in steady state
 * too; a rebalance, or partitions held by a crashed consumer until its session times out, shows as a longer one.
 * Observations come in time order; not thread-safe.
 */
final class PartitionStalls {

    /** {@code partition} stood still from {@code fromMs} to {@code toMs}. */
    record Stall(String partition, long fromMs, long toMs) {

        long millis() {
            return toMs - fromMs;
        }

        boolean overlaps(long from, long to) {
            return toMs >= from && fromMs <= to;
        }
    }

    private final Map<String, Long> lastCommitted = new HashMap<>();
    private final Map<String, Long> fineAt = new HashMap<>();
    private final Map<String, Boolean> stalled = new HashMap<>();
    private final List<Stall> ended = new ArrayList<>();
    private long lastObservedMs;

    /**
     * @param committed the group's committed offset of the partition (0 before its first commit)
     * @param end       the partition's end offset
     */
    void observe(long atMs, String partition, long committed, long end) {
        lastObservedMs = Math.max(lastObservedMs, atMs);
        Long before = lastCommitted.put(partition, committed);
        boolean fine = before == null || before != committed || committed >= end;
        if (fine) {
            if (stalled.getOrDefault(partition, false)) {
                ended.add(new Stall(partition, fineAt.get(partition), atMs));
            }
            fineAt.put(partition, atMs);
            stalled.put(partition, false);
        } else {
            stalled.put(partition, true);
        }
    }

    /** The longest stall, ended or still going, that overlaps {@code [fromMs, toMs]}; empty when none does. */
    Optional<Stall> longest(long fromMs, long toMs) {
        List<Stall> all = new ArrayList<>(ended);
        stalled.forEach((partition, isStalled) -> {
            if (isStalled) {
                all.add(new Stall(partition, fineAt.get(partition), lastObservedMs));
            }
        });
        return all.stream().filter(stall -> stall.overlaps(fromMs, toMs))
                .max(Comparator.comparingLong(Stall::millis));
    }

    /** Whether every partition observed moved or had nothing waiting at some observation after {@code sinceMs}. */
    boolean allFineSince(long sinceMs) {
        return !fineAt.isEmpty() && fineAt.values().stream().allMatch(at -> at > sinceMs);
    }
}
