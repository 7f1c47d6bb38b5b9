package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.StabilityState;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Label-free signals from counts: what unlabelled and passive answers may and may not change. */
class LabelFreeTest {

    @Test
    void unlabelledAnswersCountApartAndNeverChangeAccuracy() {
        ModelTally labelled = Tallies.empty("m");
        labelled = Tallies.add(labelled, judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_CORRECT, "A").build());
        labelled = Tallies.add(labelled, judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_INCORRECT, "B").build());
        ModelTally withUnlabelled = labelled;
        for (int i = 0; i < 5; i++) {
            withUnlabelled = Tallies.add(withUnlabelled, judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE,
                    Verdict.VERDICT_UNLABELLED, i % 2 == 0 ? "A" : "").setReasoningTokens(10).build());
        }

        assertThat(withUnlabelled.getJudged()).isEqualTo(2);
        assertThat(withUnlabelled.getUnlabelled()).isEqualTo(5);
        assertThat(withUnlabelled.getCells(0).getJudged()).isEqualTo(2);
        assertThat(withUnlabelled.getCells(0).getCorrect()).isEqualTo(1);
        assertThat(withUnlabelled.getCells(0).getUnparseable()).isZero();
        assertThat(withUnlabelled.getCells(0).getUnlabelled()).isEqualTo(5);
        Scorecard with = Scorecard.of(withUnlabelled);
        Scorecard without = Scorecard.of(labelled);
        assertThat(with.cells()).isEqualTo(without.cells());
        assertThat(with.censoring()).isEqualTo(without.censoring());
        assertThat(with.labelFree().unlabelled()).isEqualTo(5);
    }

    @Test
    void passiveTrafficIsTalliedApartPerBucket() {
        ModelTally tally = Tallies.empty("m");
        tally = Tallies.add(tally, judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_CORRECT, "A").build());
        for (Verdict verdict : List.of(Verdict.VERDICT_CORRECT, Verdict.VERDICT_CORRECT, Verdict.VERDICT_INCORRECT,
                Verdict.VERDICT_UNLABELLED, Verdict.VERDICT_UNLABELLED)) {
            tally = Tallies.add(tally, judgment(256, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, verdict, "A")
                    .setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE).setReasoningTokens(300).build());
        }

        assertThat(tally.getJudged()).isEqualTo(1);
        assertThat(tally.getUnlabelled()).isZero();
        assertThat(tally.getCellsList()).hasSize(1);
        LabelFree.Served served = LabelFree.of(tally).served().get(0);
        assertThat(served).isEqualTo(new LabelFree.Served(256, Task.TASK_PERCEPTION, 5, 3, 2, 2.0 / 3,
                Intervals.wilson(2, 3), 2, 300.0));
        assertThat(Scorecard.of(tally).points()).isEmpty();
    }

    @Test
    void groundingPoolsBlankAndRandomPairsOfPerceptionAndTheRhAucUsesMeanReasoningLength() {
        ModelTally tally = ModelTally.newBuilder().setModel("m")
                // level 0: 100 tokens on average, 18 of 20 pairs changed; level 100: 300 tokens, 10 of 20; level 200: 500, 4 of 20
                .addCells(clean(0, Task.TASK_PERCEPTION, 10, 10, 100)).addCells(clean(0, Task.TASK_REASONING, 10, 0, 100))
                .addCells(pairs(0, Corruption.CORRUPTION_BLANK_IMAGE, 10, 1)).addCells(pairs(0, Corruption.CORRUPTION_RANDOM_IMAGE, 10, 1))
                .addCells(clean(100, Task.TASK_PERCEPTION, 10, 10, 300)).addCells(clean(100, Task.TASK_REASONING, 0, 10, 300))
                .addCells(pairs(100, Corruption.CORRUPTION_BLANK_IMAGE, 10, 4)).addCells(pairs(100, Corruption.CORRUPTION_RANDOM_IMAGE, 10, 6))
                .addCells(clean(200, Task.TASK_PERCEPTION, 10, 10, 500)).addCells(clean(200, Task.TASK_REASONING, 10, 10, 500))
                .addCells(pairs(200, Corruption.CORRUPTION_BLANK_IMAGE, 10, 8)).addCells(pairs(200, Corruption.CORRUPTION_RANDOM_IMAGE, 10, 8))
                // text removal and reasoning pairs say nothing about the image
                .addCells(pairs(200, Corruption.CORRUPTION_TEXT_REMOVAL, 10, 0))
                .addCells(pairs(200, Corruption.CORRUPTION_BLANK_IMAGE, 10, 0).toBuilder().setTask(Task.TASK_REASONING))
                .build();

        LabelFree labelFree = LabelFree.of(tally);

        assertThat(labelFree.grounding()).containsExactly(
                new LabelFree.Grounding(0, 20, 18, 0.9, Intervals.wilson(18, 20), 100.0),
                new LabelFree.Grounding(100, 20, 10, 0.5, Intervals.wilson(10, 20), 300.0),
                new LabelFree.Grounding(200, 20, 4, 0.2, Intervals.wilson(4, 20), 500.0));
        // the design brief's algorithm on (x, y) = (100, 0.9), (300, 0.5), (500, 0.2): normalised y = 1, 3/7, 0
        assertThat(labelFree.labelFreeRhAuc()).isCloseTo(0.5 * (1 + 3.0 / 7) / 2 + 0.5 * (3.0 / 7) / 2, within(1e-12));
        assertThat(labelFree.reason()).isNull();
    }

    @Test
    void aDegenerateLabelFreeRhAucIsNullWithAReason() {
        ModelTally oneLevel = ModelTally.newBuilder().setModel("m").addCells(clean(0, Task.TASK_PERCEPTION, 5, 5, 50))
                .addCells(pairs(0, Corruption.CORRUPTION_BLANK_IMAGE, 10, 3)).build();
        assertThat(LabelFree.of(oneLevel).labelFreeRhAuc()).isNull();
        assertThat(LabelFree.of(oneLevel).reason()).isEqualTo(LabelFree.TOO_FEW_LEVELS);

        ModelTally sameLength = oneLevel.toBuilder().addCells(clean(100, Task.TASK_PERCEPTION, 5, 5, 50))
                .addCells(pairs(100, Corruption.CORRUPTION_BLANK_IMAGE, 10, 5)).build();
        assertThat(LabelFree.of(sameLength).reason()).isEqualTo(LabelFree.FLAT_LENGTH);

        ModelTally sameGrounding = oneLevel.toBuilder().addCells(clean(100, Task.TASK_PERCEPTION, 5, 5, 90))
                .addCells(pairs(100, Corruption.CORRUPTION_BLANK_IMAGE, 10, 3)).build();
        assertThat(LabelFree.of(sameGrounding).reason()).isEqualTo(LabelFree.FLAT_GROUNDING);
        assertThat(LabelFree.of(sameGrounding).labelFreeRhAuc()).isNull();
    }

    @Test
    void stabilityComparesEachLevelWithTheSmallestWhateverTheOrderOfArrival() {
        // One sample answered A at 0, A at 100, B at 200 and nothing readable at 400: the smallest level arrives last.
        List<Judgment> answers = List.of(
                judgment(200, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, Verdict.VERDICT_UNLABELLED, "B").build(),
                judgment(100, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, Verdict.VERDICT_CORRECT, "A").build(),
                judgment(400, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, Verdict.VERDICT_UNPARSEABLE, "").build(),
                judgment(0, Task.TASK_REASONING, Corruption.CORRUPTION_NONE, Verdict.VERDICT_UNLABELLED, "a").build());
        ModelTally tally = Tallies.empty("m");
        StabilityState state = null;
        for (Judgment answer : answers) {
            BudgetStability.Outcome outcome = BudgetStability.add(state, answer);
            state = outcome.state();
            tally = Tallies.add(tally, answer, List.of(), outcome.changes());
        }

        assertThat(LabelFree.of(tally).stability()).containsExactly(
                new LabelFree.Stability(100, Task.TASK_REASONING, 1, 1, 1.0, Intervals.wilson(1, 1)),
                new LabelFree.Stability(200, Task.TASK_REASONING, 1, 0, 0.0, Intervals.wilson(0, 1)),
                new LabelFree.Stability(400, Task.TASK_REASONING, 1, 0, 0.0, Intervals.wilson(0, 1)));
    }

    @Test
    void anUnparseableSmallestLevelComparesNothing() {
        StabilityState state = null;
        for (Judgment answer : List.of(
                judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_UNLABELLED, "").build(),
                judgment(100, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE, Verdict.VERDICT_UNLABELLED, "A").build())) {
            BudgetStability.Outcome outcome = BudgetStability.add(state, answer);
            assertThat(outcome.changes()).isEmpty();
            state = outcome.state();
        }
        assertThat(BudgetStability.key(judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_BLANK_IMAGE,
                Verdict.VERDICT_UNLABELLED, "A").build())).isNull();
        assertThat(BudgetStability.key(judgment(0, Task.TASK_PERCEPTION, Corruption.CORRUPTION_NONE,
                Verdict.VERDICT_UNLABELLED, "A").setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE).build())).isNull();
    }

    private static CellStats clean(int budget, Task task, long judged, long unlabelled, long meanTokens) {
        return CellStats.newBuilder().setBudget(budget).setTask(task).setCorruption(Corruption.CORRUPTION_NONE)
                .setJudged(judged).setCorrect(judged / 2).setUnlabelled(unlabelled)
                .setReasoningTokens(meanTokens * (judged + unlabelled)).build();
    }

    private static CellStats pairs(int budget, Corruption corruption, long paired, long unchanged) {
        return CellStats.newBuilder().setBudget(budget).setTask(Task.TASK_PERCEPTION).setCorruption(corruption)
                .setUnlabelled(paired).setPaired(paired).setUnchanged(unchanged).build();
    }

    private static Judgment.Builder judgment(int budget, Task task, Corruption corruption, Verdict verdict, String answer) {
        return Judgment.newBuilder().setModel("m")
                .setSample(SampleRef.newBuilder()
                        .setSampleId("s1")
                        .setTask(task)).setBudget(budget).setCorruption(corruption)
                .setVerdict(verdict).setExtractedAnswer(answer);
    }
}
