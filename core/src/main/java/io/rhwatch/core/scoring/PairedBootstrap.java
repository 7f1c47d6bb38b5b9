package io.rhwatch.core.scoring;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bootstrap 95% intervals for RH-AUC and {@code rh_auc_raw} that resample whole samples: a drawn
 * sample brings its clean outcomes at every budget level along, so the correlation between levels
 * (the same sample, answered at each budget) is kept, where {@link Bootstrap} redraws every cell
 * independently. Samples are redrawn within their task: reasoning and perception samples are
 * different samples, and how many of each were probed is fixed by the probe plan, not by chance.
 * Values are computed by {@link RhAuc}. Resamples whose value is undefined (an axis came out flat)
 * are left out of the interval and reported as its degenerate share.
 *
 * <p>The interval is the percentile interval re-centred on the estimate (see {@link #recentredPercentile}):
 * min-max normalisation biases RH-AUC at small n and the bootstrap adds that bias once more; the
 * coverage study in docs/STATISTICS.md is why this and not the plain percentile, basic or BCa interval.
 */
public final class PairedBootstrap {

    /**
     * @param value           the value on the data, null when undefined
     * @param ci              the 95% interval, null when the value or every resample is undefined
     * @param degenerateShare the share of resamples in which the value was undefined
     */
    public record Estimate(Double value, Interval ci, double degenerateShare) {
    }

    public record Result(Estimate rhAuc, Estimate rhAucRaw, int reasoningSamples, int perceptionSamples, int resamples) {
    }

    /** Both values on every resample, NaN where undefined. */
    record Replicates(RhAuc.Result observed, double[] rhAuc, double[] rhAucRaw, int reasoningSamples, int perceptionSamples) {
    }

    private final int resamples;
    private final long seed;

    public PairedBootstrap() {
        this(Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED);
    }

    public PairedBootstrap(int resamples, long seed) {
        this.resamples = checkedResamples(resamples);
        this.seed = seed;
    }

    static int checkedResamples(int resamples) {
        if (resamples < 1 || resamples > Bootstrap.MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples: must be between 1 and " + Bootstrap.MAX_RESAMPLES + ", was " + resamples);
        }
        return resamples;
    }

    public Result rhAuc(OutcomeTable table) {
        Replicates replicates = replicates(table);
        return new Result(estimate(replicates.observed().rhAuc(), replicates.rhAuc()),
                estimate(replicates.observed().rhAucRaw(), replicates.rhAucRaw()),
                replicates.reasoningSamples(), replicates.perceptionSamples(), resamples);
    }

    Replicates replicates(OutcomeTable table) {
        int[] budgets = table.budgets();
        SamplePatterns.Builder builder = SamplePatterns.builder(budgets.length * CleanCurve.PER_LEVEL, CleanCurve.STRATA);
        int[] vector = new int[budgets.length * CleanCurve.PER_LEVEL];
        int[] levelAt = IntStream.range(0, budgets.length).toArray();
        for (int i = 0; i < table.size(); i++) {
            Arrays.fill(vector, 0);
            CleanCurve.contribute(table, i, levelAt, vector, 0);
            builder.add(CleanCurve.stratum(table.tasks[i]), vector);
        }
        SamplePatterns patterns = builder.build();
        RhAuc.Result observed = CleanCurve.rhAuc(patterns.observed(), 0, budgets);

        double[] normalised = new double[resamples];
        double[] raw = new double[resamples];
        if (observed.rhAuc() != null || observed.rhAucRaw() != null) {
            SplittableRandom random = new SplittableRandom(seed);
            int[] drawn = new int[patterns.vectors.length];
            long[] totals = new long[patterns.counters];
            for (int r = 0; r < resamples; r++) {
                patterns.resample(random, drawn, totals);
                RhAuc.Result result = CleanCurve.rhAuc(totals, 0, budgets);
                normalised[r] = CleanCurve.value(result.rhAuc());
                raw[r] = CleanCurve.value(result.rhAucRaw());
            }
        }
        return new Replicates(observed, normalised, raw, patterns.strata[0].length, patterns.strata[1].length);
    }

    private static Estimate estimate(Double value, double[] replicates) {
        if (value == null) {
            return new Estimate(null, null, 1.0);
        }
        double[] defined = defined(replicates);
        return new Estimate(value, recentredPercentile(value, defined, 0, 1), 1.0 - (double) defined.length / replicates.length);
    }

    static double[] defined(double[] replicates) {
        return Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).toArray();
    }

    /**
     * The percentile interval of the replicates shifted by their bias b̂ = mean(θ*) − θ̂, so it is
     * centred where the estimate is rather than where the bootstrap moved it, kept in the value's
     * range [lowest, highest]; null when no replicate is defined.
     */
    static Interval recentredPercentile(double value, double[] defined, double lowest, double highest) {
        Interval percentile = Bootstrap.percentileInterval(defined, defined.length);
        if (percentile == null) {
            return null;
        }
        double bias = Arrays.stream(defined).average().orElseThrow() - value;
        // both ends clamped: a few outlying replicates can shift the whole interval past one end of the range
        return new Interval(within(percentile.low() - bias, lowest, highest), within(percentile.high() - bias, lowest, highest));
    }

    private static double within(double value, double lowest, double highest) {
        return Math.min(highest, Math.max(lowest, value));
    }
}
