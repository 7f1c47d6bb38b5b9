package io.rhwatch.aggregator.readmodel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.scoring.view.CurveView;
import io.rhwatch.core.scoring.view.LabelFreeView;

import java.util.List;

/**
 * GET /v1/models/{model}/windows: per configured window size, the model's windows oldest first (within the
 * retention), each with its counts, RH-AUC and rh_auc_raw with 95% bootstrap intervals and its points (per-level
 * accuracies with 95% Wilson intervals) and its label-free signals ({@code label_free}: grounding per level, docs/LABEL_FREE.md).
 * {@code regression_window_ms} is the size regressions are judged on.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WindowsView(String model, long regressionWindowMs, List<Size> sizes) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Size(String size, long sizeMs, List<Window> windows) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(long startMs, long endMs, long judged, Double rhAuc, double[] rhAucCi, Double rhAucRaw,
                         double[] rhAucRawCi, String reason, List<CurveView.Point> points, LabelFreeView labelFree) {
    }
}
