package io.rhwatch.aggregator.readmodel;

import io.rhwatch.aggregator.config.AggregatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small in-memory history of RH-AUC per model, for sparklines. It judges nothing: whether a model regressed is
 * decided on its time windows (rh.alerts, {@link RegressionView}), not on a running curve. Part of the
 * read model, fed by {@link ReadModelUpdater} with every curve on rh.curves, which each instance
 * replays on start: after a restart it holds what the compacted topic still has (often just the
 * latest curve per model), so it is a live view, not a record.
 */
@ApplicationScoped
public class RhAucHistory {

    /** One sample: when, and RH-AUC then (null while undefined). */
    public record Point(long atMs, Double rhAuc) {
    }

    /** A model's history, oldest first. */
    public record ModelHistory(String model, List<Point> points) {
    }

    private final int capacity;
    private final long spacingMs;
    private final Map<String, Deque<Point>> histories = new TreeMap<>();

    @Inject
    public RhAucHistory(AggregatorConfig config) {
        this(config.history().capacity(), config.history().spacing());
    }

    /** @param capacity points kept per model, at least 2 for a trend (validated at start, AggregatorConfig) */
    public RhAucHistory(int capacity, Duration spacing) {
        this.capacity = capacity;
        this.spacingMs = spacing.toMillis();
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

    public synchronized List<ModelHistory> all() {
        List<ModelHistory> all = new ArrayList<>();
        histories.keySet().forEach(model -> all.add(of(model)));
        return all;
    }

    public synchronized ModelHistory of(String model) {
        return new ModelHistory(model, List.copyOf(histories.getOrDefault(model, new ArrayDeque<>())));
    }

    private static Point secondLast(Deque<Point> points) {
        var descending = points.descendingIterator();
        descending.next();
        return descending.next();
    }
}
