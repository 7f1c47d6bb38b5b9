package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.VersionComparison;

import java.util.List;

import static io.rhwatch.core.scoring.view.ModelSummary.array;

/**
 * GET /v1/compare and {@code rhwatch compare}: both models' curves, and A − B on the samples both
 * have seen ({@link VersionComparison}): ΔRH-AUC, Δrh_auc_raw and Δ clean accuracy per level and
 * task, each with a paired 95% interval and a two-sided p-value. Field names are snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ComparisonView(String a, String b, int sharedSamples, int sharedReasoning, int sharedPerception,
                             Delta rhAuc, Delta rhAucRaw, List<LevelDelta> levels, int resamples,
                             CurveView curveA, CurveView curveB) {

    /** A − B of one value on the shared samples; {@code a} and {@code b} are the values there, not the curves'. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delta(Double a, Double b, Double difference, double[] ci, double degenerateShare, Double pValue) {
    }

    /** Clean accuracy at one budget and task on the samples both answered there; p from the mid-p McNemar test. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LevelDelta(int budget, String task, long pairs, long aOnly, long bOnly, double accuracyA,
                             double accuracyB, double difference, double[] ci, double pValue) {
    }

    public static ComparisonView of(String a, String b, VersionComparison.Result result, CurveView curveA, CurveView curveB) {
        return new ComparisonView(a, b, result.shared(), result.sharedReasoning(), result.sharedPerception(),
                delta(result.rhAuc()), delta(result.rhAucRaw()),
                result.levels().stream().map(l -> new LevelDelta(l.budget(), Labels.of(l.task()), l.pairs(), l.aOnly(),
                        l.bOnly(), l.accuracyA(), l.accuracyB(), l.difference(), array(l.ci()), l.pValue())).toList(),
                result.resamples(), curveA, curveB);
    }

    private static Delta delta(VersionComparison.Delta d) {
        return new Delta(d.a(), d.b(), d.difference(), array(d.ci()), d.degenerateShare(), d.pValue());
    }
}
