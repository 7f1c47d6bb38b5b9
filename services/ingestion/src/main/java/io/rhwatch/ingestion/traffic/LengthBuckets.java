package io.rhwatch.ingestion.traffic;

import java.util.List;
import java.util.OptionalInt;

/**
 * Buckets of observed reasoning length for passive responses. A length L falls in the bucket of the smallest edge at
 * or above it (so with edges 0, 256, 512: 0 → 0, 1..256 → 256, 257..512 → 512), and that edge is the response's budget:
 * the answer was given after at most that many tokens of thinking, as a budget level means for active probes.
 */
public final class LengthBuckets {

    private final List<Integer> edges;

    /** @param edges at least one, non-negative (TrafficSettings#bucketEdges validates both at start) */
    public LengthBuckets(List<Integer> edges) {
        for (int i = 1; i < edges.size(); i++) {
            if (edges.get(i) <= edges.get(i - 1)) {
                throw new IllegalArgumentException("rhwatch.ingestion.traffic.bucket-edges: must be strictly ascending; got " + edges);
            }
        }
        this.edges = List.copyOf(edges);
    }

    /** The upper edge of the bucket of {@code observedTokens}; empty beyond the last edge. */
    public OptionalInt upperEdge(int observedTokens) {
        for (int edge : edges) {
            if (observedTokens <= edge) {
                return OptionalInt.of(edge);
            }
        }
        return OptionalInt.empty();
    }
}
