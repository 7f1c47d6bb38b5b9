package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.LabelFree;

import java.util.List;

import static io.rhwatch.core.scoring.view.ModelSummary.array;

/**
 * The {@code served} object of a model's curve and summary: passive traffic (what the model served, no probes), kept
 * apart from the probed cells, per bucket of observed reasoning length ({@code bucket}: the bucket's upper edge in
 * tokens) and task, with the labelled accuracy where labels exist.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ServedView(long answers, long judged, long unlabelled, List<Bucket> buckets) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bucket(int bucket, String task, long answers, long judged, long correct, Double accuracy,
                         double[] accuracyCi, long unlabelled, Double meanReasoningTokens) {
    }

    public static ServedView of(LabelFree labelFree) {
        List<Bucket> buckets = labelFree.served().stream().map(s -> new Bucket(s.bucket(), Labels.of(s.task()), s.answers(),
                s.judged(), s.correct(), s.accuracy(), array(s.accuracyCi()), s.unlabelled(), s.meanReasoningTokens())).toList();
        return new ServedView(buckets.stream().mapToLong(Bucket::answers).sum(), buckets.stream().mapToLong(Bucket::judged).sum(),
                buckets.stream().mapToLong(Bucket::unlabelled).sum(), buckets);
    }
}
