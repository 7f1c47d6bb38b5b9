package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Compares two models or versions, A and B, on the samples both have seen: ΔRH-AUC, Δrh_auc_raw and Δ
 * clean accuracy per level and task, each A − B with a paired 95% interval and a two-sided p-value.
 *
 * <p>RH-AUC differences: the interval is the {@link PairedBootstrap}'s, resampling shared samples
 * (each with A's and B's outcomes at every level) within their task. The p-value is a sign-flip
 * permutation test: if A and B are the same model, which of a sample's two outcome vectors is
 * called A is a coin toss, so swapping them at random per sample draws from the null distribution
 * of Δ exactly, at any sample size. Accuracy differences at one level: Newcombe's paired interval
 * and the mid-p McNemar test, which is that same sign-flip test for one level, computed exactly.
 */
public final class VersionComparison {

    /**
     * @param a               the value for A on the shared samples, null when undefined
     * @param b               the value for B on the shared samples, null when undefined
     * @param difference      a − b, null when either is undefined
     * @param ci              its 95% interval, null when undefined
     * @param degenerateShare the share of bootstrap resamples in which the difference was undefined
     * @param pValue          two-sided, null when the difference is undefined
     */
    public record Delta(Double a, Double b, Double difference, Interval ci, double degenerateShare, Double pValue) {
    }

    /** Clean accuracy at one budget level and task on the samples both answered there. */
    public record LevelDelta(int budget, Task task, long pairs, long aOnly, long bOnly,
                             double accuracyA, double accuracyB, double difference, Interval ci, double pValue) {
    }

    /** @param shared samples both have seen, of which {@code sharedReasoning} and {@code sharedPerception} per task */
    public record Result(int shared, int sharedReasoning, int sharedPerception, Delta rhAuc, Delta rhAucRaw,
                         List<LevelDelta> levels, int resamples) {
    }

    private final int resamples;
    private final long seed;

    public VersionComparison() {
        this(Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
    }

    /** @param resamples bootstrap resamples, and as many sign flips for the p-values */
    public VersionComparison(int resamples, long seed) {
        this.resamples = PairedBootstrap.checkedResamples(resamples);
        this.seed = seed;
    }

    public Result compare(OutcomeTable a, OutcomeTable b) {
        int[] budgets = unionOfBudgets(a, b);
        int[] aLevelAt = positions(a, budgets);
        int[] bLevelAt = positions(b, budgets);
        int block = budgets.length * CleanCurve.PER_LEVEL;
        SamplePatterns.Builder builder = SamplePatterns.builder(2 * block, CleanCurve.STRATA);
        List<int[]> shared = new ArrayList<>();
        int[] vector = new int[2 * block];
        for (int i = 0, j = 0; i < a.size() && j < b.size(); ) {
            int order = Long.compare(a.hashes[i], b.hashes[j]);
            if (order < 0) {
                i++;
            } else if (order > 0) {
                j++;
            } else {
                if (a.tasks[i] != b.tasks[j]) {
                    throw new IllegalArgumentException("task: the sample with hash " + a.hashes[i] + " is "
                            + a.task(i) + " in A and " + b.task(j) + " in B");
                }
                Arrays.fill(vector, 0);
                CleanCurve.contribute(a, i, aLevelAt, vector, 0);
                CleanCurve.contribute(b, j, bLevelAt, vector, block);
                builder.add(CleanCurve.stratum(a.tasks[i]), vector);
                shared.add(new int[] {i, j});
                i++;
                j++;
            }
        }
        SamplePatterns patterns = builder.build();
        long[] observed = patterns.observed();
        RhAuc.Result observedA = CleanCurve.rhAuc(observed, 0, budgets);
        RhAuc.Result observedB = CleanCurve.rhAuc(observed, block, budgets);

        double[] normalised = new double[resamples];
        double[] raw = new double[resamples];
        SplittableRandom random = new SplittableRandom(seed);
        int[] drawn = new int[patterns.vectors.length];
        long[] totals = new long[patterns.counters];
        for (int r = 0; r < resamples; r++) {
            patterns.resample(random, drawn, totals);
            differences(totals, budgets, block, normalised, raw, r);
        }
        double[] flippedNormalised = new double[resamples];
        double[] flippedRaw = new double[resamples];
        int[][] swapped = swapped(patterns.vectors, block);
        for (int r = 0; r < resamples; r++) {
            flip(patterns, swapped, random, totals);
            differences(totals, budgets, block, flippedNormalised, flippedRaw, r);
        }
        Delta rhAuc = delta(observedA.rhAuc(), observedB.rhAuc(), normalised, flippedNormalised);
        Delta rhAucRaw = delta(observedA.rhAucRaw(), observedB.rhAucRaw(), raw, flippedRaw);
        return new Result(patterns.samples(), patterns.strata[0].length, patterns.strata[1].length, rhAuc, rhAucRaw,
                levelDeltas(a, b, shared, budgets), resamples);
    }

    /** A − B of both values into slot {@code r}; NaN where either is undefined. */
    private static void differences(long[] totals, int[] budgets, int block, double[] normalised, double[] raw, int r) {
        RhAuc.Result a = CleanCurve.rhAuc(totals, 0, budgets);
        RhAuc.Result b = CleanCurve.rhAuc(totals, block, budgets);
        normalised[r] = CleanCurve.value(a.rhAuc()) - CleanCurve.value(b.rhAuc());
        raw[r] = CleanCurve.value(a.rhAucRaw()) - CleanCurve.value(b.rhAucRaw());
    }

    private static Delta delta(Double a, Double b, double[] resampled, double[] flipped) {
        if (a == null || b == null) {
            return new Delta(a, b, null, null, 1.0, null);
        }
        double difference = a - b;
        double[] defined = PairedBootstrap.defined(resampled);
        double[] definedFlips = PairedBootstrap.defined(flipped);
        // A flip as extreme as the data counts; the tolerance keeps a tie that rounding broke a tie.
        double threshold = Math.abs(difference) - 1e-12;
        long extreme = Arrays.stream(definedFlips).filter(v -> Math.abs(v) >= threshold).count();
        return new Delta(a, b, difference, PairedBootstrap.recentredPercentile(difference, defined, -1, 1),
                1.0 - (double) defined.length / resampled.length,
                (1.0 + extreme) / (1.0 + definedFlips.length));
    }

    /** The null distribution's draw: each sample's A and B outcomes swapped with probability 1/2. */
    private static void flip(SamplePatterns patterns, int[][] swapped, SplittableRandom random, long[] totals) {
        Arrays.fill(totals, 0);
        for (int p = 0; p < patterns.vectors.length; p++) {
            int members = patterns.members[p];
            int flips = fairCoins(members, random);
            SamplePatterns.add(totals, patterns.vectors[p], members - flips);
            SamplePatterns.add(totals, swapped[p], flips);
        }
    }

    /** Heads among n fair coins: the set bits of random words. */
    private static int fairCoins(int n, SplittableRandom random) {
        int heads = 0;
        for (; n >= Long.SIZE; n -= Long.SIZE) {
            heads += Long.bitCount(random.nextLong());
        }
        return n == 0 ? heads : heads + Long.bitCount(random.nextLong() & ((1L << n) - 1));
    }

    private static int[][] swapped(int[][] vectors, int block) {
        int[][] out = new int[vectors.length][];
        for (int p = 0; p < vectors.length; p++) {
            out[p] = new int[vectors[p].length];
            System.arraycopy(vectors[p], 0, out[p], block, block);
            System.arraycopy(vectors[p], block, out[p], 0, block);
        }
        return out;
    }

    private static List<LevelDelta> levelDeltas(OutcomeTable a, OutcomeTable b, List<int[]> shared, int[] budgets) {
        List<LevelDelta> deltas = new ArrayList<>();
        for (int budget : budgets) {
            int la = Arrays.binarySearch(a.budgets(), budget);
            int lb = Arrays.binarySearch(b.budgets(), budget);
            if (la < 0 || lb < 0) {
                continue;
            }
            long bitA = OutcomeTable.bit(la, Corruption.CORRUPTION_NONE);
            long bitB = OutcomeTable.bit(lb, Corruption.CORRUPTION_NONE);
            for (Task task : new Task[] {Task.TASK_PERCEPTION, Task.TASK_REASONING}) {
                long[] cells = new long[4];
                for (int[] pair : shared) {
                    int i = pair[0];
                    int j = pair[1];
                    if (a.tasks[i] != task.getNumber() || (a.seen[i] & bitA) == 0 || (b.seen[j] & bitB) == 0) {
                        continue;
                    }
                    cells[((a.correct[i] & bitA) != 0 ? 0 : 2) + ((b.correct[j] & bitB) != 0 ? 0 : 1)]++;
                }
                long pairs = cells[0] + cells[1] + cells[2] + cells[3];
                if (pairs == 0) {
                    continue;
                }
                double accuracyA = (double) (cells[0] + cells[1]) / pairs;
                double accuracyB = (double) (cells[0] + cells[2]) / pairs;
                deltas.add(new LevelDelta(budget, task, pairs, cells[1], cells[2], accuracyA, accuracyB,
                        accuracyA - accuracyB, Intervals.pairedDifference(cells[0], cells[1], cells[2], cells[3]),
                        midPMcNemar(cells[1], cells[2])));
            }
        }
        return List.copyOf(deltas);
    }

    /**
     * The two-sided mid-p McNemar test of {@code aOnly} against {@code bOnly} discordant pairs:
     * 2·(P(X &lt; k) + P(X = k)/2) for X ~ Binomial(aOnly + bOnly, 1/2) and k the smaller count, at most 1.
     */
    static double midPMcNemar(long aOnly, long bOnly) {
        long n = aOnly + bOnly;
        long k = Math.min(aOnly, bOnly);
        if (n == 0) {
            return 1.0;
        }
        // log P(X = x) from x = 0 upwards; summed relative to the largest term, P(X = k), to avoid underflow.
        double[] logs = new double[(int) k + 1];
        logs[0] = n * Math.log(0.5);
        for (int x = 0; x < k; x++) {
            logs[x + 1] = logs[x] + Math.log((double) (n - x) / (x + 1));
        }
        double relative = 0.5;
        for (int x = 0; x < k; x++) {
            relative += Math.exp(logs[x] - logs[(int) k]);
        }
        return Math.min(1.0, 2 * Math.exp(logs[(int) k]) * relative);
    }

    private static int[] unionOfBudgets(OutcomeTable a, OutcomeTable b) {
        TreeSet<Integer> budgets = new TreeSet<>();
        Arrays.stream(a.budgets()).forEach(budgets::add);
        Arrays.stream(b.budgets()).forEach(budgets::add);
        return budgets.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] positions(OutcomeTable table, int[] budgets) {
        int[] at = new int[table.levels()];
        for (int l = 0; l < at.length; l++) {
            at[l] = Arrays.binarySearch(budgets, table.budget(l));
        }
        return at;
    }
}
