package io.rhwatch.core.scoring.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurveViewTest {

    @Test
    void anyMapperWritesTheDocumentedSnakeCaseFieldsWithNulls() {
        ModelTally tally = Tallies.empty("m");
        for (Task task : List.of(Task.TASK_PERCEPTION, Task.TASK_REASONING)) {
            tally = Tallies.add(tally, Judgment.newBuilder().setModel("m")
                    .setSample(SampleRef.newBuilder()
                            .setTask(task)).setBudget(0)
                    .setVerdict(Verdict.VERDICT_CORRECT).setJudgedAtMs(5).build(), List.of());
        }

        JsonNode curve = new ObjectMapper().valueToTree(CurveView.of(Scorecard.of(tally)));

        assertThat(curve.properties()).extracting(e -> e.getKey()).containsExactly("model", "rh_auc", "rh_auc_ci",
                "rh_auc_raw", "rh_auc_raw_ci", "reason", "judged", "updated_at_ms", "points", "cells", "corruptions", "censoring",
                "interval_method", "rh_auc_degenerate_share", "rh_auc_raw_degenerate_share", "paired_reasoning_samples",
                "paired_perception_samples", "label_free", "served");
        // No sample ids: the intervals resample cells, and no share of degenerate resamples is reported.
        assertThat(curve.get("interval_method").asText()).isEqualTo("cells");
        assertThat(curve.get("rh_auc_degenerate_share").isNull()).isTrue();
        assertThat(curve.get("rh_auc").isNull()).isTrue();
        assertThat(curve.get("updated_at_ms").asLong()).isEqualTo(5);
        assertThat(curve.at("/points/0/reasoning_ci").size()).isEqualTo(2);
        assertThat(curve.at("/cells/0/accuracy_ci").size()).isEqualTo(2);
        assertThat(curve.at("/censoring/0/censored_rate").asDouble()).isZero();
        JsonNode summary = new ObjectMapper().valueToTree(ModelSummary.of(Scorecard.of(tally)));
        assertThat(summary.properties()).extracting(e -> e.getKey()).containsExactly("model", "rh_auc", "rh_auc_ci",
                "rh_auc_raw", "rh_auc_raw_ci", "reason", "judged", "updated_at_ms", "interval_method",
                "rh_auc_degenerate_share", "rh_auc_raw_degenerate_share", "label_free", "served");
    }
}
