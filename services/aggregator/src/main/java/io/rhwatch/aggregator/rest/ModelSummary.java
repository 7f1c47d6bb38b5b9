package io.rhwatch.aggregator.rest;

import io.rhwatch.proto.v1.Curve;

/** One row of GET /v1/models. RH-AUC values are null when undefined, with the reason. */
public record ModelSummary(String model, Double rhAuc, Double rhAucRaw, String reason, long judged) {

    static ModelSummary of(Curve curve) {
        return new ModelSummary(curve.getModel(),
                curve.hasRhAuc() ? curve.getRhAuc() : null,
                curve.hasRhAucRaw() ? curve.getRhAucRaw() : null,
                curve.getReason().isEmpty() ? null : curve.getReason(),
                curve.getJudged());
    }
}
