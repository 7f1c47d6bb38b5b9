package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Scorecard;

import java.util.List;

import static io.rhwatch.core.scoring.view.ModelSummary.array;

/**
 * GET /v1/models/{model}/curve: RH-AUC with its bootstrap intervals, the points it was computed
 * from, every counted cell, the hallucination-as-cue view, censoring, the label-free signals and passive traffic
 * (docs/ARCHITECTURE.md, docs/LABEL_FREE.md); also
 * each model of {@code rhwatch score --format json}. Field names are snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CurveView(String model, Double rhAuc, double[] rhAucCi, Double rhAucRaw, double[] rhAucRawCi,
                        String reason, long judged, long updatedAtMs,
                        List<Point> points, List<Cell> cells, List<CorruptionEffect> corruptions,
                        List<Censoring> censoring, String intervalMethod, Double rhAucDegenerateShare,
                        Double rhAucRawDegenerateShare, long pairedReasoningSamples, long pairedPerceptionSamples,
                        LabelFreeView labelFree, ServedView served) {

    /** A budget level at which both tasks were judged on clean probes; intervals are 95% Wilson. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Point(int budget, double reasoningAccuracy, double[] reasoningCi, double perceptionAccuracy,
                        double[] perceptionCi, long reasoningN, long reasoningCorrect, long perceptionN,
                        long perceptionCorrect) {
    }

    /** Counts at one budget level, task and corruption. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cell(int budget, String task, String corruption, long judged, long correct, double accuracy,
                       double[] accuracyCi, long unparseable, long censored) {
    }

    /**
     * Clean against corrupted accuracy at one budget and task: the gap, and how many answers did not change.
     * With per-sample outcomes over the {@code pairs} samples answered both ways, with the paired interval.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CorruptionEffect(int budget, String task, String corruption, double cleanAccuracy,
                                   double corruptedAccuracy, double gap, double[] gapCi, Double invariance,
                                   long invarianceN, Long pairs, Long cleanOnly, Long corruptedOnly) {
    }

    /** Answers at one budget with no extractable answer, or cut by the answer-length limit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Censoring(int budget, long judged, long unparseable, long censored, double unparseableRate,
                            double censoredRate) {
    }

    public static CurveView of(Scorecard s) {
        return new CurveView(s.model(), s.rhAuc(), array(s.rhAucCi()), s.rhAucRaw(), array(s.rhAucRawCi()),
                s.reason(), s.judged(), s.updatedAtMs(),
                s.points().stream().map(p -> new Point(p.budget(), p.reasoningAccuracy(), array(p.reasoningCi()),
                        p.perceptionAccuracy(), array(p.perceptionCi()), p.reasoningN(), p.reasoningCorrect(),
                        p.perceptionN(), p.perceptionCorrect())).toList(),
                s.cells().stream().map(c -> new Cell(c.budget(), Labels.of(c.task()), Labels.of(c.corruption()),
                        c.judged(), c.correct(), c.accuracy(), array(c.accuracyCi()), c.unparseable(), c.censored())).toList(),
                s.corruptions().stream().map(e -> new CorruptionEffect(e.budget(), Labels.of(e.task()),
                        Labels.of(e.corruption()), e.cleanAccuracy(), e.corruptedAccuracy(), e.gap(), array(e.gapCi()),
                        e.invariance(), e.invarianceN(), e.pairs(), e.cleanOnly(), e.corruptedOnly())).toList(),
                s.censoring().stream().map(c -> new Censoring(c.budget(), c.judged(), c.unparseable(), c.censored(),
                        c.unparseableRate(), c.censoredRate())).toList(),
                s.intervalMethod(), s.rhAucDegenerateShare(), s.rhAucRawDegenerateShare(),
                s.pairedReasoningSamples(), s.pairedPerceptionSamples(),
                LabelFreeView.of(s.labelFree()), ServedView.of(s.labelFree()));
    }
}
