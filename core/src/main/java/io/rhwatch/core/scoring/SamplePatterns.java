package io.rhwatch.core.scoring;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples as the paired statistics see them: each adds a vector to the counters a statistic reads
 * (judged and correct per level and task, per version), and samples with equal vectors are
 * interchangeable. Grouping them into patterns makes a resample cost one draw per sample plus one
 * addition per pattern. Samples are redrawn within their
 * stratum, so each resample keeps the stratum sizes.
 */
final class SamplePatterns {

    final int counters;
    /** Per pattern: what one of its samples adds to each counter. */
    final int[][] vectors;
    /** Per pattern: how many samples have it. */
    final int[] members;
    /** Per stratum: the pattern of each of its samples, in insertion order. */
    final int[][] strata;

    private SamplePatterns(int counters, int[][] vectors, int[] members, int[][] strata) {
        this.counters = counters;
        this.vectors = vectors;
        this.members = members;
        this.strata = strata;
    }

    static Builder builder(int counters, int strata) {
        return new Builder(counters, strata);
    }

    int samples() {
        int total = 0;
        for (int m : members) {
            total += m;
        }
        return total;
    }

    /** The counters over all samples as observed. */
    long[] observed() {
        long[] totals = new long[counters];
        for (int p = 0; p < vectors.length; p++) {
            add(totals, vectors[p], members[p]);
        }
        return totals;
    }

    /** One bootstrap resample into {@code totals}: each stratum's samples redrawn with replacement. */
    void resample(SplittableRandom random, int[] drawn, long[] totals) {
        Arrays.fill(drawn, 0);
        for (int[] stratum : strata) {
            int n = stratum.length;
            for (int i = 0; i < n; i++) {
                drawn[stratum[random.nextInt(n)]]++;
            }
        }
        Arrays.fill(totals, 0);
        for (int p = 0; p < vectors.length; p++) {
            if (drawn[p] > 0) {
                add(totals, vectors[p], drawn[p]);
            }
        }
    }

    static void add(long[] totals, int[] vector, long times) {
        for (int k = 0; k < vector.length; k++) {
            totals[k] += times * vector[k];
        }
    }

    static final class Builder {
        private final int counters;
        private final Map<IntBuffer, Integer> ids = new HashMap<>();
        private final List<int[]> vectors = new ArrayList<>();
        private final List<Integer> members = new ArrayList<>();
        private final List<List<Integer>> strata = new ArrayList<>();

        private Builder(int counters, int strata) {
            this.counters = counters;
            for (int s = 0; s < strata; s++) {
                this.strata.add(new ArrayList<>());
            }
        }

        /** Adds a sample of the stratum; the vector is copied. */
        Builder add(int stratum, int[] vector) {
            int[] copy = vector.clone();
            Integer id = ids.get(IntBuffer.wrap(copy));
            if (id == null) {
                id = vectors.size();
                ids.put(IntBuffer.wrap(copy), id);
                vectors.add(copy);
                members.add(0);
            }
            members.set(id, members.get(id) + 1);
            strata.get(stratum).add(id);
            return this;
        }

        SamplePatterns build() {
            int[][] byStratum = new int[strata.size()][];
            for (int s = 0; s < byStratum.length; s++) {
                byStratum[s] = strata.get(s).stream().mapToInt(Integer::intValue).toArray();
            }
            return new SamplePatterns(counters, vectors.toArray(new int[0][]),
                    members.stream().mapToInt(Integer::intValue).toArray(), byStratum);
        }
    }
}
