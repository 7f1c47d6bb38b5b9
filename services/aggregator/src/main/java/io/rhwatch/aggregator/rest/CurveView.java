package io.rhwatch.aggregator.rest;

import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;

import java.util.List;

/** GET /v1/models/{model}/curve: RH-AUC, the points it was computed from, and every counted cell. */
public record CurveView(String model, Double rhAuc, Double rhAucRaw, String reason, long judged,
                        List<Point> points, List<Cell> cells) {

    /** A budget level at which both tasks were judged on clean probes. */
    public record Point(int budget, double reasoningAccuracy, double perceptionAccuracy,
                        long reasoningN, long reasoningCorrect, long perceptionN, long perceptionCorrect) {
    }

    /** Counts at one budget level, task and corruption. */
    public record Cell(int budget, String task, String corruption, long judged, long correct, double accuracy,
                       long unparseable, long censored) {
    }

    static CurveView of(Curve curve) {
        ModelSummary summary = ModelSummary.of(curve);
        return new CurveView(summary.model(), summary.rhAuc(), summary.rhAucRaw(), summary.reason(), summary.judged(),
                curve.getPointsList().stream().map(CurveView::point).toList(),
                curve.getCellsList().stream().map(CurveView::cell).toList());
    }

    private static Point point(CurvePoint p) {
        return new Point(p.getBudget(), p.getReasoningAccuracy(), p.getPerceptionAccuracy(),
                p.getReasoningN(), p.getReasoningCorrect(), p.getPerceptionN(), p.getPerceptionCorrect());
    }

    private static Cell cell(CellStats c) {
        return new Cell(c.getBudget(), Labels.of(c.getTask()), Labels.of(c.getCorruption()), c.getJudged(),
                c.getCorrect(), Curves.accuracy(c), c.getUnparseable(), c.getCensored());
    }
}
