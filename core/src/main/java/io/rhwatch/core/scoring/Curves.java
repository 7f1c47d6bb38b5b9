package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;
import io.rhwatch.proto.v1.ModelTally;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns a model's counts into its curve for rh.curves: the {@link Scorecard}'s points and RH-AUC with intervals. */
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
                .setUpdatedAtMs(tally.getUpdatedAtMs());
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
        return curve.build();
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
