package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CurvesTest {

    @Test
    void pointsComeFromCleanProbesAtLevelsWhereBothTasksWereJudged() {
        ModelTally tally = Tallies.empty("m");
        // level 0: reasoning 2/5, perception 3/5; level 100: reasoning 4/5, perception 1/5
        tally = judge(tally, 0, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 2, 5);
        tally = judge(tally, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 3, 5);
        tally = judge(tally, 100, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 4, 5);
        tally = judge(tally, 100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 1, 5);
        // level 200 has reasoning only: it must not become a point
        tally = judge(tally, 200, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 5, 5);
        // corrupted probes never move the curve
        tally = judge(tally, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE, 0, 5);

        Curve curve = Curves.of(tally);

        assertThat(curve.getJudged()).isEqualTo(30);
        assertThat(curve.getPointsList()).hasSize(2);
        assertThat(curve.getPoints(0).getPerceptionAccuracy()).isCloseTo(0.6, within(1e-12));
        assertThat(curve.getPoints(1).getReasoningAccuracy()).isCloseTo(0.8, within(1e-12));
        // normalised: (0, 1) → (1, 0): area 0.5; raw: 0.4 * (0.6 + 0.2) / 2 / 0.4 = 0.4
        assertThat(curve.getRhAuc()).isCloseTo(0.5, within(1e-12));
        assertThat(curve.getRhAucRaw()).isCloseTo(0.4, within(1e-12));
        assertThat(curve.getCellsList()).hasSize(6);
    }

    @Test
    void aSingleLevelIsAValueWithAReasonNotAnError() {
        ModelTally tally = judge(Tallies.empty("m"), 0, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, 1, 2);
        tally = judge(tally, 0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, 1, 2);

        Curve curve = Curves.of(tally);

        assertThat(curve.hasRhAuc()).isFalse();
        assertThat(curve.hasRhAucRaw()).isFalse();
        assertThat(curve.getReason()).isEqualTo(RhAuc.TOO_FEW_LEVELS);
    }

    private static ModelTally judge(ModelTally tally, int budget, Task task, Corruption corruption, int correct, int total) {
        for (int i = 0; i < total; i++) {
            tally = Tallies.add(tally, Judgment.newBuilder()
                    .setModel("m").setBudget(budget)
                    .setSample(SampleRef.newBuilder()
                            .setTask(task)).setCorruption(corruption)
                    .setVerdict(i < correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .build());
        }
        return tally;
    }
}
