package io.rhwatch.aggregator.readmodel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.proto.v1.Interval;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionBaselineKind;
import io.rhwatch.proto.v1.RegressionFinding;

import java.util.List;

/**
 * A model's raised regression in GET /v1/models (null when none): since when, which windows were compared and which
 * baseline the drop was found against ({@code baseline}: {@code previous_window}, {@code before_previous_window} or
 * {@code pinned_version}; with a pinned version, {@code baseline_model}: whose whole run was the baseline, null
 * otherwise), the significant drops (largest first) and, alongside, ΔRH-AUC and Δrh_auc_raw. Field names are snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegressionView(long sinceMs, long windowSizeMs, String baseline, String baselineModel, long baselineStartMs, long currentStartMs,
                             List<Finding> findings, Double rhAucDifference, double[] rhAucDifferenceCi,
                             Double rhAucRawDifference, double[] rhAucRawDifferenceCi) {

    /** One level and task whose accuracy dropped: current − baseline with its (Bonferroni-adjusted) interval. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Finding(String metric, int budget, double baseline, double current, double difference,
                          double[] differenceCi, long baselineN, long currentN) {
    }

    /** The view of a raised alert; null for a cleared one. */
    static RegressionView of(RegressionAlert alert) {
        if (alert == null || alert.getState() != io.rhwatch.proto.v1.RegressionState.REGRESSION_RAISED) {
            return null;
        }
        return new RegressionView(alert.getAtMs(), alert.getWindowSizeMs(), baseline(alert.getBaselineKind()),
                alert.getBaselineModel().isEmpty() ? null : alert.getBaselineModel(), alert.getBaselineStartMs(), alert.getCurrentStartMs(),
                alert.getFindingsList().stream().map(RegressionView::finding).toList(),
                alert.hasRhAucDifference() ? alert.getRhAucDifference() : null,
                alert.hasRhAucDifferenceCi() ? array(alert.getRhAucDifferenceCi()) : null,
                alert.hasRhAucRawDifference() ? alert.getRhAucRawDifference() : null,
                alert.hasRhAucRawDifferenceCi() ? array(alert.getRhAucRawDifferenceCi()) : null);
    }

    private static String baseline(RegressionBaselineKind kind) {
        return switch (kind) {
            case REGRESSION_BASELINE_PREVIOUS_WINDOW -> "previous_window";
            case REGRESSION_BASELINE_BEFORE_PREVIOUS_WINDOW -> "before_previous_window";
            case REGRESSION_BASELINE_PINNED_VERSION -> "pinned_version";
            case REGRESSION_BASELINE_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    private static Finding finding(RegressionFinding f) {
        return new Finding(f.getMetric(), f.getBudget(), f.getBaselineValue(), f.getCurrentValue(), f.getDifference(),
                array(f.getDifferenceCi()), f.getBaselineN(), f.getCurrentN());
    }

    private static double[] array(Interval interval) {
        return new double[] {interval.getLow(), interval.getHigh()};
    }
}
