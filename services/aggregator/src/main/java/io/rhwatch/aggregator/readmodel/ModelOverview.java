package io.rhwatch.aggregator.readmodel;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rhwatch.core.scoring.view.ModelSummary;

/** One row of GET /v1/models and of the dashboard's `models` event: the model's summary and its regression (or null). */
public record ModelOverview(@JsonUnwrapped ModelSummary summary, RegressionView regression) {
}
