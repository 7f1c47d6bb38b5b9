package io.rhwatch.aggregator.live;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small in-memory history of RH-AUC per model, for sparklines and for spotting a fall. Fed from
 * rh.curves: after a restart it holds what the compacted topic still has (often just the latest
 * curve per model), so it is a live view, not a record.
 */
@ApplicationScoped
public class RhAucHistory {

    /** One sample: when, and RH-AUC then (null while undefined). */
    public record Point(long atMs, Double rhAuc) {
    }

    /** A model's history, with the change against the value an hour ago (or the oldest kept, if younger). */
    public record ModelHistory(String model, List<Point> points, Double baseline, Double change, boolean fell) {
    }

    static final Duration LOOKBACK = Duration.ofHours(1);

    private final int capacity;
    private final long spacingMs;
    private final double fallThreshold;
    private final Map<String, Deque<Point>> histories = new TreeMap<>();

    RhAucHistory(@ConfigProperty(name = "rhwatch.aggregator.history.capacity", defaultValue = "240") int capacity,
                 @ConfigProperty(name = "rhwatch.aggregator.history.spacing", defaultValue = "PT15S") Duration spacing,
                 @ConfigProperty(name = "rhwatch.aggregator.history.fall-threshold", defaultValue = "0.02") double fallThreshold) {
        if (capacity < 2) {
            throw new IllegalArgumentException("rhwatch.aggregator.history.capacity: " + capacity + " is below the minimum of 2");
        }
        this.capacity = capacity;
        this.spacingMs = spacing.toMillis();
        this.fallThreshold = fallThreshold;
    }

    /**
     * Records a curve's RH-AUC. Within the spacing of the previous sample the newest value replaces
     * it, so a burst of updates keeps one sample per spacing and the ring covers capacity × spacing.
     */
    public synchronized void record(String model, long atMs, Double rhAuc) {
        Deque<Point> points = histories.computeIfAbsent(model, m -> new ArrayDeque<>());
        Point last = points.peekLast();
        if (last != null && atMs < last.atMs()) {
            return; // an older curve read after a newer one (replay of a compacted topic): not news
        }
        if (last != null && points.size() > 1 && atMs - secondLast(points).atMs() < spacingMs) {
            points.pollLast();
        }
        points.addLast(new Point(atMs, rhAuc));
        while (points.size() > capacity) {
            points.pollFirst();
        }
    }

    public synchronized List<ModelHistory> all(long nowMs) {
        List<ModelHistory> all = new ArrayList<>();
        histories.keySet().forEach(model -> all.add(of(model, nowMs)));
        return all;
    }

    public synchronized ModelHistory of(String model, long nowMs) {
        List<Point> points = List.copyOf(histories.getOrDefault(model, new ArrayDeque<>()));
        Double latest = points.isEmpty() ? null : points.get(points.size() - 1).rhAuc();
        Double baseline = baseline(points, nowMs - LOOKBACK.toMillis());
        Double change = latest == null || baseline == null ? null : latest - baseline;
        return new ModelHistory(model, points, baseline, change, change != null && change <= -fallThreshold);
    }

    /** RH-AUC an hour ago: the newest defined value at least an hour old, else the oldest defined one. */
    private static Double baseline(List<Point> points, long hourAgoMs) {
        Double oldest = null;
        Double atHourAgo = null;
        for (Point point : points) {
            if (point.rhAuc() == null) {
                continue;
            }
            if (oldest == null) {
                oldest = point.rhAuc();
            }
            if (point.atMs() <= hourAgoMs) {
                atHourAgo = point.rhAuc();
            }
        }
        return atHourAgo != null ? atHourAgo : oldest;
    }

    private static Point secondLast(Deque<Point> points) {
        var descending = points.descendingIterator();
        descending.next();
        return descending.next();
    }
}
