package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.LabelFree;

import java.util.List;

import static io.rhwatch.core.scoring.view.ModelSummary.array;

/**
 * The {@code label_free} object of a model's curve and summary (docs/LABEL_FREE.md): grounding and budget stability per
 * level with 95% Wilson intervals, the label-free RH-AUC (null with its reason) and the unlabelled answers counted.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LabelFreeView(Double labelFreeRhAuc, String reason, long unlabelled, List<Grounding> grounding,
                            List<Stability> stability) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Grounding(int budget, long pairs, long changed, double grounding, double[] groundingCi,
                            Double meanReasoningTokens) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stability(int budget, String task, long compared, long same, double stability, double[] stabilityCi) {
    }

    public static LabelFreeView of(LabelFree labelFree) {
        return new LabelFreeView(labelFree.labelFreeRhAuc(), labelFree.reason(), labelFree.unlabelled(),
                labelFree.grounding().stream().map(g -> new Grounding(g.budget(), g.pairs(), g.changed(), g.grounding(),
                        array(g.groundingCi()), g.meanReasoningTokens())).toList(),
                labelFree.stability().stream().map(s -> new Stability(s.budget(), Labels.of(s.task()), s.compared(), s.same(),
                        s.stability(), array(s.stabilityCi()))).toList());
    }
}
