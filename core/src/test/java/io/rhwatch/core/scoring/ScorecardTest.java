package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rhwatch.proto.v1.Corruption.CORRUPTION_BLANK_IMAGE;
import static io.rhwatch.proto.v1.Corruption.CORRUPTION_NONE;
import static io.rhwatch.proto.v1.Corruption.CORRUPTION_TEXT_REMOVAL;
import static io.rhwatch.proto.v1.Task.TASK_PERCEPTION;
import static io.rhwatch.proto.v1.Task.TASK_REASONING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScorecardTest {

    @Test
    void reportsTheCurveWithIntervals() {
        ModelTally tally = Tallies.empty("m");
        // The design brief's check, (R, P) = (40, 60), (45, 50), (50, 55) percent, 20 a cell.
        tally = feed(tally, 0, TASK_REASONING, CORRUPTION_NONE, 8, 20);
        tally = feed(tally, 0, TASK_PERCEPTION, CORRUPTION_NONE, 12, 20);
        tally = feed(tally, 100, TASK_REASONING, CORRUPTION_NONE, 9, 20);
        tally = feed(tally, 100, TASK_PERCEPTION, CORRUPTION_NONE, 10, 20);
        tally = feed(tally, 200, TASK_REASONING, CORRUPTION_NONE, 10, 20);
        tally = feed(tally, 200, TASK_PERCEPTION, CORRUPTION_NONE, 11, 20);

        Scorecard scorecard = Scorecard.of(tally);

        assertThat(scorecard.rhAuc()).isCloseTo(0.375, within(1e-12));
        assertThat(scorecard.rhAucRaw()).isCloseTo(0.5375, within(1e-12));
        assertThat(scorecard.reason()).isNull();
        assertThat(scorecard.rhAucCi()).isEqualTo(new Bootstrap().rhAuc(List.of(
                new Bootstrap.LevelCounts(0, 20, 8, 20, 12),
                new Bootstrap.LevelCounts(100, 20, 9, 20, 10),
                new Bootstrap.LevelCounts(200, 20, 10, 20, 11))).rhAuc());
        assertThat(scorecard.rhAucRawCi().contains(scorecard.rhAucRaw())).isTrue();
        assertThat(scorecard.points()).extracting(Scorecard.Point::budget).containsExactly(0, 100, 200);
        Scorecard.Point first = scorecard.points().get(0);
        assertThat(first.reasoningCi()).isEqualTo(Intervals.wilson(8, 20));
        assertThat(first.perceptionCi()).isEqualTo(Intervals.wilson(12, 20));

        // rh.curves carries the same numbers.
        Curve curve = Curves.of(tally);
        assertThat(curve.getRhAucCi().getLow()).isEqualTo(scorecard.rhAucCi().low());
        assertThat(curve.getRhAucRawCi().getHigh()).isEqualTo(scorecard.rhAucRawCi().high());
        assertThat(curve.getPoints(0).getReasoningCi().getLow()).isEqualTo(first.reasoningCi().low());
    }

    @Test
    void undefinedValuesHaveNoIntervalsAndAReason() {
        ModelTally tally = feed(Tallies.empty("m"), 0, TASK_REASONING, CORRUPTION_NONE, 1, 2);
        tally = feed(tally, 0, TASK_PERCEPTION, CORRUPTION_NONE, 1, 2);
        // perception flat: the raw value exists, the normalised one does not
        ModelTally flat = feed(feed(tally, 100, TASK_REASONING, CORRUPTION_NONE, 2, 2), 100, TASK_PERCEPTION, CORRUPTION_NONE, 1, 2);

        Scorecard single = Scorecard.of(tally);
        assertThat(single.rhAuc()).isNull();
        assertThat(single.rhAucCi()).isNull();
        assertThat(single.rhAucRawCi()).isNull();
        assertThat(single.reason()).isEqualTo(RhAuc.TOO_FEW_LEVELS);

        Scorecard flatPerception = Scorecard.of(flat);
        assertThat(flatPerception.rhAuc()).isNull();
        assertThat(flatPerception.rhAucCi()).isNull();
        assertThat(flatPerception.rhAucRaw()).isCloseTo(0.5, within(1e-12));
        assertThat(flatPerception.rhAucRawCi()).isNotNull();
        assertThat(flatPerception.reason()).isEqualTo(RhAuc.FLAT_PERCEPTION);
    }

    @Test
    void reportsCorruptionGapsInvarianceAndCensoring() {
        ModelTally tally = Tallies.empty("m");
        tally = feed(tally, 100, TASK_PERCEPTION, CORRUPTION_NONE, 16, 20);
        tally = feed(tally, 100, TASK_PERCEPTION, CORRUPTION_BLANK_IMAGE, 5, 20);
        // text removal on reasoning, but no clean reasoning yet: no gap to report
        tally = feed(tally, 100, TASK_REASONING, CORRUPTION_TEXT_REMOVAL, 3, 10);
        // 12 blank-image answers paired with their clean answers, 3 unchanged
        for (int i = 0; i < 12; i++) {
            tally = Tallies.add(tally, judgment(100, TASK_PERCEPTION, CORRUPTION_BLANK_IMAGE, Verdict.VERDICT_UNPARSEABLE, true),
                    List.of(AnswerPair.newBuilder().setBudget(100).setTask(TASK_PERCEPTION)
                            .setCorruption(CORRUPTION_BLANK_IMAGE).setUnchanged(i < 3).build()));
        }

        Scorecard scorecard = Scorecard.of(tally);

        assertThat(scorecard.corruptions()).singleElement().satisfies(effect -> {
            assertThat(effect.corruption()).isEqualTo(CORRUPTION_BLANK_IMAGE);
            assertThat(effect.cleanAccuracy()).isCloseTo(0.8, within(1e-12));
            assertThat(effect.corruptedAccuracy()).isCloseTo(5 / 32.0, within(1e-12));
            assertThat(effect.gap()).isCloseTo(0.8 - 5 / 32.0, within(1e-12));
            assertThat(effect.gapCi()).isEqualTo(Intervals.difference(16, 20, 5, 32));
            assertThat(effect.invariance()).isCloseTo(0.25, within(1e-12));
            assertThat(effect.invarianceN()).isEqualTo(12);
        });
        Scorecard.Cell blank = scorecard.cells().stream().filter(c -> c.corruption() == CORRUPTION_BLANK_IMAGE).findFirst().orElseThrow();
        assertThat(blank.judged()).isEqualTo(32);
        assertThat(blank.unparseable()).isEqualTo(12);
        assertThat(blank.censored()).isEqualTo(12);
        assertThat(blank.accuracyCi()).isEqualTo(Intervals.wilson(5, 32));
        assertThat(scorecard.censoring()).singleElement().satisfies(level -> {
            assertThat(level.budget()).isEqualTo(100);
            assertThat(level.judged()).isEqualTo(62);
            assertThat(level.unparseable()).isEqualTo(12);
            assertThat(level.unparseableRate()).isCloseTo(12 / 62.0, within(1e-12));
            assertThat(level.censoredRate()).isCloseTo(12 / 62.0, within(1e-12));
        });
        // unparseable and censored answers count as incorrect
        assertThat(blank.accuracy()).isCloseTo(5 / 32.0, within(1e-12));
    }

    @Test
    void aLevelMissingATaskTypeIsNotAPoint() {
        ModelTally tally = feed(Tallies.empty("m"), 0, TASK_REASONING, CORRUPTION_NONE, 2, 4);
        tally = feed(tally, 0, TASK_PERCEPTION, CORRUPTION_NONE, 3, 4);
        tally = feed(tally, 100, TASK_REASONING, CORRUPTION_NONE, 3, 4);
        tally = feed(tally, 200, TASK_PERCEPTION, CORRUPTION_NONE, 1, 4);

        Scorecard scorecard = Scorecard.of(tally);

        assertThat(scorecard.points()).extracting(Scorecard.Point::budget).containsExactly(0);
        assertThat(scorecard.reason()).isEqualTo(RhAuc.TOO_FEW_LEVELS);
        assertThat(scorecard.cells()).hasSize(4);
    }

    private static ModelTally feed(ModelTally tally, int budget, Task task, Corruption corruption, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            tally = Tallies.add(tally, judgment(budget, task, corruption,
                    i < correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT, false));
        }
        return tally;
    }

    private static Judgment judgment(int budget, Task task, Corruption corruption, Verdict verdict, boolean censored) {
        return Judgment.newBuilder().setModel("m").setBudget(budget)
                .setSample(SampleRef.newBuilder()
                        .setTask(task)).setCorruption(corruption)
                .setVerdict(verdict).setCensored(censored).build();
    }
}
