package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;

/**
 * One row of GET /v1/models. RH-AUC values are null when undefined, with the reason; intervals are
 * {@code [low, high]} or null with their value; {@code interval_method} says what they resampled and the
 * degenerate shares how many resamples were left out (null with cell intervals); {@code label_free} and {@code served}
 * as on the curve ({@link LabelFreeView}, {@link ServedView}). {@code model} is
 * {@code name@version}, the name alone for the default version. Field names are snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSummary(String model, Double rhAuc, double[] rhAucCi, Double rhAucRaw, double[] rhAucRawCi,
                           String reason, long judged, long updatedAtMs, String intervalMethod,
                           Double rhAucDegenerateShare, Double rhAucRawDegenerateShare, LabelFreeView labelFree,
                           ServedView served) {

    public static ModelSummary of(Scorecard scorecard) {
        return new ModelSummary(scorecard.model(), scorecard.rhAuc(), array(scorecard.rhAucCi()),
                scorecard.rhAucRaw(), array(scorecard.rhAucRawCi()), scorecard.reason(), scorecard.judged(),
                scorecard.updatedAtMs(), scorecard.intervalMethod(), scorecard.rhAucDegenerateShare(),
                scorecard.rhAucRawDegenerateShare(), LabelFreeView.of(scorecard.labelFree()),
                ServedView.of(scorecard.labelFree()));
    }

    /** {@code [low, high]}, or null. */
    public static double[] array(Interval interval) {
        return interval == null ? null : new double[] {interval.low(), interval.high()};
    }
}
