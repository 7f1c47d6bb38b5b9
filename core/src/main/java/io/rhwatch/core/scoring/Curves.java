package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;
import io.rhwatch.proto.v1.GroundingPoint;
import io.rhwatch.proto.v1.LabelFreeSignals;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairedGap;
import io.rhwatch.proto.v1.StabilityPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a model's counts into its curve for rh.curves: the {@link Scorecard}'s points and RH-AUC with
 * intervals, and the paired intervals when it has them, which {@link #scorecard} reads back, so a
 * curve's reader serves the intervals its writer computed.
 */
public final class Curves {

    private Curves() {
    }

    public static Curve of(ModelTally tally) {
        return of(tally, new Bootstrap());
    }

    public static Curve of(ModelTally tally, Bootstrap bootstrap) {
        return of(tally, Scorecard.of(tally, bootstrap));
    }

    /** @param scorecard {@link Scorecard#of} the same tally, when it was computed already */
    public static Curve of(ModelTally tally, Scorecard scorecard) {
        Curve.Builder curve = Curve.newBuilder()
                .setModel(tally.getModel())
                .setJudged(tally.getJudged())
                .addAllCells(sortedCells(tally))
                .setReason(scorecard.reason() == null ? "" : scorecard.reason())
                .setUpdatedAtMs(tally.getUpdatedAtMs())
                .addAllServed(tally.getServedList())
                .setUnlabelled(tally.getUnlabelled())
                .setLabelFree(signals(scorecard.labelFree()));
        for (Scorecard.Point p : scorecard.points()) {
            curve.addPoints(CurvePoint.newBuilder()
                    .setBudget(p.budget())
                    .setReasoningAccuracy(p.reasoningAccuracy())
                    .setPerceptionAccuracy(p.perceptionAccuracy())
                    .setReasoningN(p.reasoningN())
                    .setReasoningCorrect(p.reasoningCorrect())
                    .setPerceptionN(p.perceptionN())
                    .setPerceptionCorrect(p.perceptionCorrect())
                    .setReasoningCi(message(p.reasoningCi()))
                    .setPerceptionCi(message(p.perceptionCi())));
        }
        if (scorecard.rhAuc() != null) {
            curve.setRhAuc(scorecard.rhAuc());
            if (scorecard.rhAucCi() != null) {
                curve.setRhAucCi(message(scorecard.rhAucCi()));
            }
        }
        if (scorecard.rhAucRaw() != null) {
            curve.setRhAucRaw(scorecard.rhAucRaw());
            if (scorecard.rhAucRawCi() != null) {
                curve.setRhAucRawCi(message(scorecard.rhAucRawCi()));
            }
        }
        curve.setPaired(Scorecard.PAIRED.equals(scorecard.intervalMethod()))
                .setPairedReasoningSamples(scorecard.pairedReasoningSamples())
                .setPairedPerceptionSamples(scorecard.pairedPerceptionSamples());
        if (scorecard.rhAucDegenerateShare() != null) {
            curve.setRhAucDegenerateShare(scorecard.rhAucDegenerateShare());
        }
        if (scorecard.rhAucRawDegenerateShare() != null) {
            curve.setRhAucRawDegenerateShare(scorecard.rhAucRawDegenerateShare());
        }
        for (Scorecard.CorruptionEffect e : scorecard.corruptions()) {
            if (e.pairs() != null) {
                PairedGap.Builder gap = PairedGap.newBuilder().setBudget(e.budget()).setTask(e.task())
                        .setCorruption(e.corruption()).setPairs(e.pairs()).setCleanOnly(e.cleanOnly())
                        .setCorruptedOnly(e.corruptedOnly()).setCleanAccuracy(e.cleanAccuracy())
                        .setCorruptedAccuracy(e.corruptedAccuracy()).setGap(e.gap());
                if (e.gapCi() != null) {
                    gap.setGapCi(message(e.gapCi()));
                }
                curve.addPairedGaps(gap);
            }
        }
        return curve.build();
    }

    /** The scorecard a curve was made from: its counts, with the intervals it carries. */
    public static Scorecard scorecard(Curve curve, Bootstrap bootstrap) {
        ModelTally tally = ModelTally.newBuilder().setModel(curve.getModel()).addAllCells(curve.getCellsList())
                .setJudged(curve.getJudged()).setUpdatedAtMs(curve.getUpdatedAtMs())
                .addAllServed(curve.getServedList()).setUnlabelled(curve.getUnlabelled()).build();
        return Scorecard.of(tally, bootstrap, pairedIntervals(curve));
    }

    private static LabelFreeSignals signals(LabelFree labelFree) {
        LabelFreeSignals.Builder signals = LabelFreeSignals.newBuilder()
                .setUnlabelled(labelFree.unlabelled())
                .setLabelFreeReason(labelFree.reason() == null ? "" : labelFree.reason());
        if (labelFree.labelFreeRhAuc() != null) {
            signals.setLabelFreeRhAuc(labelFree.labelFreeRhAuc());
        }
        for (LabelFree.Grounding g : labelFree.grounding()) {
            signals.addGrounding(GroundingPoint.newBuilder().setBudget(g.budget()).setPairs(g.pairs()).setChanged(g.changed())
                    .setGrounding(g.grounding()).setGroundingCi(message(g.groundingCi()))
                    .setMeanReasoningTokens(g.meanReasoningTokens() == null ? 0 : g.meanReasoningTokens()));
        }
        for (LabelFree.Stability s : labelFree.stability()) {
            signals.addStability(StabilityPoint.newBuilder().setBudget(s.budget()).setTask(s.task()).setCompared(s.compared())
                    .setSame(s.same()).setStability(s.stability()).setStabilityCi(message(s.stabilityCi())));
        }
        return signals.build();
    }

    private static PairedIntervals pairedIntervals(Curve curve) {
        if (curve.getPairedReasoningSamples() + curve.getPairedPerceptionSamples() == 0) {
            return null;
        }
        return new PairedIntervals(curve.hasRhAucCi() ? interval(curve.getRhAucCi()) : null, curve.getRhAucDegenerateShare(),
                curve.hasRhAucRawCi() ? interval(curve.getRhAucRawCi()) : null, curve.getRhAucRawDegenerateShare(),
                curve.getPairedReasoningSamples(), curve.getPairedPerceptionSamples(),
                curve.getPairedGapsList().stream().map(g -> new PairedGaps.Gap(g.getBudget(), g.getTask(), g.getCorruption(),
                        g.getPairs(), g.getCleanOnly(), g.getCorruptedOnly(), g.getCleanAccuracy(), g.getCorruptedAccuracy(),
                        g.getGap(), g.hasGapCi() ? interval(g.getGapCi()) : null)).toList());
    }

    private static Interval interval(io.rhwatch.proto.v1.Interval interval) {
        return new Interval(interval.getLow(), interval.getHigh());
    }

    private static io.rhwatch.proto.v1.Interval message(Interval interval) {
        return io.rhwatch.proto.v1.Interval.newBuilder().setLow(interval.low()).setHigh(interval.high()).build();
    }

    private static List<CellStats> sortedCells(ModelTally tally) {
        List<CellStats> cells = new ArrayList<>(tally.getCellsList());
        cells.sort(Comparator.comparingInt(CellStats::getBudget)
                .thenComparingInt(c -> c.getTask().getNumber())
                .thenComparingInt(c -> c.getCorruption().getNumber()));
        return cells;
    }
}
