package io.rhwatch.core.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bootstrap 95% intervals for RH-AUC and {@code rh_auc_raw}. Each resample redraws the judged
 * samples of every level and task with replacement; with only counts per cell, that is drawing each
 * cell's correct count from Binomial(n, correct / n). The percentile interval is taken over the
 * resamples in which the value is defined (a resample can flatten an axis). A fixed seed makes the
 * interval a function of the counts alone, so the aggregator and {@code rhwatch score} agree.
 */
public final class Bootstrap {

    public static final int DEFAULT_RESAMPLES = 1_000;
    public static final long DEFAULT_SEED = 2505_21523L;
    public static final int MAX_RESAMPLES = 100_000;

    /** Binomial probabilities below this share of the mode's are never drawn in practice; they are cut. */
    private static final double NEGLIGIBLE = 1e-18;

    /** The judged counts of one curve point, the unit that is resampled. */
    public record LevelCounts(int budget, long reasoningN, long reasoningCorrect, long perceptionN, long perceptionCorrect) {
    }

    /** Intervals for both values; an interval is null when its value is undefined in every resample. */
    public record Result(Interval rhAuc, Interval rhAucRaw) {
    }

    private final int resamples;
    private final long seed;

    public Bootstrap() {
        this(DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    public Bootstrap(int resamples, long seed) {
        if (resamples < 1 || resamples > MAX_RESAMPLES) {
            throw new IllegalArgumentException("resamples: must be between 1 and " + MAX_RESAMPLES + ", was " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    public int resamples() {
        return resamples;
    }

    public long seed() {
        return seed;
    }

    public Result rhAuc(List<LevelCounts> levels) {
        if (levels.size() < 2) {
            return new Result(null, null);
        }
        // Draw in budget order, so the result does not depend on the order the levels came in.
        List<LevelCounts> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingInt(LevelCounts::budget));
        int count = sorted.size();
        BinomialSampler[] reasoning = new BinomialSampler[count];
        BinomialSampler[] perception = new BinomialSampler[count];
        for (int i = 0; i < count; i++) {
            LevelCounts level = sorted.get(i);
            reasoning[i] = new BinomialSampler(level.reasoningN(), level.reasoningCorrect());
            perception[i] = new BinomialSampler(level.perceptionN(), level.perceptionCorrect());
        }

        SplittableRandom random = new SplittableRandom(seed);
        double[] normalised = new double[resamples];
        double[] raw = new double[resamples];
        int normalisedCount = 0;
        int rawCount = 0;
        List<RhAuc.Level> resampled = new ArrayList<>(count);
        for (int r = 0; r < resamples; r++) {
            resampled.clear();
            for (int i = 0; i < count; i++) {
                LevelCounts level = sorted.get(i);
                double x = (double) reasoning[i].draw(random) / level.reasoningN();
                double y = (double) perception[i].draw(random) / level.perceptionN();
                resampled.add(new RhAuc.Level(level.budget(), x, y));
            }
            RhAuc.Result result = RhAuc.compute(resampled);
            if (result.rhAuc() != null) {
                normalised[normalisedCount++] = result.rhAuc();
            }
            if (result.rhAucRaw() != null) {
                raw[rawCount++] = result.rhAucRaw();
            }
        }
        return new Result(percentileInterval(normalised, normalisedCount), percentileInterval(raw, rawCount));
    }

    /** The 2.5th and 97.5th percentiles of the first {@code count} values, interpolated linearly as numpy does. */
    static Interval percentileInterval(double[] values, int count) {
        if (count == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975));
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * Exact Binomial(n, p) draws by inverting the cumulative distribution, which is tabulated once
     * (from the mode outwards, so large n does not underflow) and searched per draw.
     */
    static final class BinomialSampler {

        private final long first;
        private final double[] cumulative;

        BinomialSampler(long n, long successes) {
            if (n <= 0) {
                throw new IllegalArgumentException("n: a resampled cell needs judged samples, was " + n);
            }
            if (successes <= 0 || successes >= n) {
                // p is 0 or 1: every resample has the same count.
                first = successes <= 0 ? 0 : n;
                cumulative = new double[] {1.0};
                return;
            }
            double p = (double) successes / n;
            double odds = p / (1 - p);
            long mode = Math.min(n, (long) Math.floor((n + 1) * p));
            // weights relative to the mode: w(k+1)/w(k) = (n-k)/(k+1) · p/(1-p)
            List<Double> up = new ArrayList<>();
            double weight = 1;
            for (long k = mode; k < n; k++) {
                weight *= (double) (n - k) / (k + 1) * odds;
                if (weight < NEGLIGIBLE) {
                    break;
                }
                up.add(weight);
            }
            List<Double> down = new ArrayList<>();
            weight = 1;
            for (long k = mode; k > 0; k--) {
                weight *= (double) k / (n - k + 1) / odds;
                if (weight < NEGLIGIBLE) {
                    break;
                }
                down.add(weight);
            }
            first = mode - down.size();
            cumulative = new double[down.size() + 1 + up.size()];
            double total = 0;
            int index = 0;
            for (int i = down.size() - 1; i >= 0; i--) {
                total += down.get(i);
                cumulative[index++] = total;
            }
            total += 1;
            cumulative[index++] = total;
            for (double w : up) {
                total += w;
                cumulative[index++] = total;
            }
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] /= total;
            }
            cumulative[cumulative.length - 1] = 1.0;
        }

        long draw(SplittableRandom random) {
            double u = random.nextDouble();
            int found = Arrays.binarySearch(cumulative, u);
            int index = found >= 0 ? found : -found - 1;
            // u equal to an entry belongs to the next count: P(K ≤ k) = cumulative[k] is the probability of u < cumulative[k].
            if (found >= 0) {
                index = Math.min(index + 1, cumulative.length - 1);
            }
            return first + index;
        }
    }
}
