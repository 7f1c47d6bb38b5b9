package io.rhwatch.loadtests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When each of several things stood still. For a partition of a consumer group ({@link #observeOffsets}), a stall is
 * an interval in which it had records waiting (its committed offset below the end) and its committed offset did not
 * move; for a consumer group ({@link #observe}), one in which it was rebalancing. A stall runs from the last
 * observation at which the thing was fine (a partition moved or had nothing waiting) to the first one at which it is
 * fine again. Consumers commit every few seconds and work through what they fetched, so a busy partition stalls a
 * little in steady state too; a rebalance, or partitions held by a crashed consumer until its session times out,
 * shows as a longer one. Observations come in time order; not thread-safe.
 */
final class Stalls {

    /** {@code name} stood still from {@code fromMs} to {@code toMs}. */
    record Stall(String name, long fromMs, long toMs) {

        long millis() {
            return toMs - fromMs;
        }

        boolean overlaps(long from, long to) {
            return toMs >= from && fromMs <= to;
        }
    }

    private final Map<String, Long> lastCommitted = new HashMap<>();
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Map<String, Long> fineAt = new HashMap<>();
    private final Map<String, Boolean> stalled = new HashMap<>();
    private final List<Stall> ended = new ArrayList<>();
    private long lastObservedMs;

    /**
     * @param committed the group's committed offset of the partition (0 before its first commit)
     * @param end       the partition's end offset
     */
    void observeOffsets(long atMs, String partition, long committed, long end) {
        Long before = lastCommitted.put(partition, committed);
        observe(atMs, partition, before == null || before != committed || committed >= end);
    }

    /** Whether {@code name} was fine at {@code atMs}. */
    void observe(long atMs, String name, boolean fine) {
        lastObservedMs = Math.max(lastObservedMs, atMs);
        firstSeen.putIfAbsent(name, atMs);
        if (fine) {
            if (stalled.getOrDefault(name, false)) {
                ended.add(new Stall(name, stalledFrom(name), atMs));
            }
            fineAt.put(name, atMs);
            stalled.put(name, false);
        } else {
            stalled.put(name, true);
        }
    }

    /** The longest stall, ended or still going, that overlaps {@code [fromMs, toMs]}; empty when none does. */
    Optional<Stall> longest(long fromMs, long toMs) {
        List<Stall> all = new ArrayList<>(ended);
        stalled.forEach((name, isStalled) -> {
            if (isStalled) {
                all.add(new Stall(name, stalledFrom(name), lastObservedMs));
            }
        });
        return all.stream().filter(stall -> stall.overlaps(fromMs, toMs))
                .max(Comparator.comparingLong(Stall::millis));
    }

    /** Whether everything observed was fine at some observation after {@code sinceMs}. */
    boolean allFineSince(long sinceMs) {
        return !firstSeen.isEmpty() && firstSeen.keySet().stream().allMatch(name -> fineAt.getOrDefault(name, Long.MIN_VALUE) > sinceMs);
    }

    /** The last time {@code name} was fine, or when it was first seen if it never was. */
    private long stalledFrom(String name) {
        return fineAt.getOrDefault(name, firstSeen.get(name));
    }
}
