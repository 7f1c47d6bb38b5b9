package io.rhwatch.aggregator.regression;

import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Intervals;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.RegressionFinding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a model's current window with a baseline window, level by level and task by task on clean probes:
 * a drop counts when the current accuracy is lower by at least the margin and Newcombe's hybrid score interval of
 * the difference (two windows are different samples: an unpaired difference) lies wholly below zero. The intervals
 * are Bonferroni-adjusted over the cells compared. Each comparison spends a share of the configured false-alarm rate
 * α ({@link Look}): a window is looked at while it grows and once complete, against up to two baselines, and the
 * shares of all the looks at one window add up to at most α. Per-level accuracy is what fires: it has the power
 * (docs/STATISTICS.md), and its interval is exact in form, where the windows' RH-AUC and rh_auc_raw intervals come
 * from a cell-wise bootstrap that does not know the samples are paired across levels; those are reported alongside.
 */
public final class RegressionRule {

    /**
     * One comparison's share of α. The complete window gets half of α and its k-th look while growing (from 0)
     * α/2^(k+2), so all looks at one window spend at most α; a look against several baselines splits its share
     * between them (Bonferroni). The complete look gets the largest share: it has the most samples.
     */
    public record Look(double share) {
        public Look {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("share: must be in (0, 1], was " + share);
            }
        }

        /** The k-th look (from 0) at a growing window, against {@code baselines} baselines. */
        public static Look growing(int k, int baselines) {
            if (k < 0) {
                throw new IllegalArgumentException("k: must be at least 0, was " + k);
            }
            return new Look(1 / (Math.pow(2, k + 2) * positive(baselines)));
        }

        /** The last look, at the complete window, against {@code baselines} baselines. */
        public static Look complete(int baselines) {
            return new Look(1 / (2.0 * positive(baselines)));
        }

        private static int positive(int baselines) {
            if (baselines < 1) {
                throw new IllegalArgumentException("baselines: must be at least 1, was " + baselines);
            }
            return baselines;
        }
    }

    /** The cells compared and the drops found (largest first; empty when none). */
    public record Comparison(int compared, List<RegressionFinding> findings) {
        public boolean regressed() {
            return !findings.isEmpty();
        }

        /** The largest drop (most negative difference); 0 when none. */
        public double largestDrop() {
            return findings.isEmpty() ? 0 : findings.get(0).getDifference();
        }
    }

    private final double margin;
    private final int minSamples;
    private final double falseAlarmRate;

    /** The settings' ranges are checked by their validation annotations (AggregatorConfigTest). */
    public RegressionRule(RegressionSettings settings) {
        this.margin = settings.margin();
        this.minSamples = settings.minSamples();
        this.falseAlarmRate = settings.falseAlarmRate();
    }

    /** The comparison of {@code current} with {@code baseline} at the error rate {@code look} spends. */
    public Comparison compare(ModelTally baseline, ModelTally current, Look look) {
        Map<String, CellStats> before = new HashMap<>();
        for (CellStats cell : baseline.getCellsList()) {
            if (cell.getCorruption() == Corruption.CORRUPTION_NONE && cell.getJudged() >= minSamples) {
                before.put(key(cell), cell);
            }
        }
        List<CellStats[]> pairs = new ArrayList<>();
        for (CellStats cell : current.getCellsList()) {
            CellStats earlier = before.get(key(cell));
            if (cell.getCorruption() == Corruption.CORRUPTION_NONE && cell.getJudged() >= minSamples && earlier != null) {
                pairs.add(new CellStats[] {earlier, cell});
            }
        }
        if (pairs.isEmpty()) {
            return new Comparison(0, List.of());
        }
        // This look's share of the error rate, Bonferroni over the cells compared, two-sided.
        double alpha = falseAlarmRate * look.share();
        double z = NormalQuantile.of(1 - alpha / (2.0 * pairs.size()));
        List<RegressionFinding> findings = new ArrayList<>();
        for (CellStats[] pair : pairs) {
            CellStats b = pair[0];
            CellStats c = pair[1];
            double difference = Scorecard.accuracy(c) - Scorecard.accuracy(b);
            Interval ci = Intervals.difference(c.getCorrect(), c.getJudged(), b.getCorrect(), b.getJudged(), z);
            if (-difference >= margin && ci.high() < 0) {
                findings.add(RegressionFinding.newBuilder()
                        .setMetric(Labels.of(c.getTask()) + "_accuracy")
                        .setBudget(c.getBudget())
                        .setBaselineValue(Scorecard.accuracy(b))
                        .setCurrentValue(Scorecard.accuracy(c))
                        .setDifference(difference)
                        .setDifferenceCi(io.rhwatch.proto.v1.Interval.newBuilder().setLow(ci.low()).setHigh(ci.high()))
                        .setBaselineN(b.getJudged())
                        .setCurrentN(c.getJudged())
                        .build());
            }
        }
        findings.sort(Comparator.comparingDouble(RegressionFinding::getDifference));
        return new Comparison(pairs.size(), List.copyOf(findings));
    }

    private static String key(CellStats cell) {
        return cell.getBudget() + "|" + cell.getTask().getNumber();
    }
}
