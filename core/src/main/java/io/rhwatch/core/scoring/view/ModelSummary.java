package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;

/**
 * One row of GET /v1/models. RH-AUC values are null when undefined, with the reason; intervals are
 * {@code [low, high]} or null with their value. Field names are snake_case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSummary(String model, Double rhAuc, double[] rhAucCi, Double rhAucRaw, double[] rhAucRawCi,
                           String reason, long judged, long updatedAtMs) {

    public static ModelSummary of(Scorecard scorecard) {
        return new ModelSummary(scorecard.model(), scorecard.rhAuc(), array(scorecard.rhAucCi()),
                scorecard.rhAucRaw(), array(scorecard.rhAucRawCi()), scorecard.reason(), scorecard.judged(),
                scorecard.updatedAtMs());
    }

    /** {@code [low, high]}, or null. */
    public static double[] array(Interval interval) {
        return interval == null ? null : new double[] {interval.low(), interval.high()};
    }
}
