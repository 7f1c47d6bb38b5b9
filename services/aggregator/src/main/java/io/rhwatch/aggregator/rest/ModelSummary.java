package io.rhwatch.aggregator.rest;

import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;

/**
 * One row of GET /v1/models. RH-AUC values are null when undefined, with the reason; intervals are
 * {@code [low, high]} or null with their value.
 */
public record ModelSummary(String model, Double rhAuc, double[] rhAucCi, Double rhAucRaw, double[] rhAucRawCi,
                           String reason, long judged, long updatedAtMs) {

    public static ModelSummary of(Scorecard scorecard) {
        return new ModelSummary(scorecard.model(), scorecard.rhAuc(), array(scorecard.rhAucCi()),
                scorecard.rhAucRaw(), array(scorecard.rhAucRawCi()), scorecard.reason(), scorecard.judged(),
                scorecard.updatedAtMs());
    }

    static double[] array(Interval interval) {
        return interval == null ? null : new double[] {interval.low(), interval.high()};
    }
}
