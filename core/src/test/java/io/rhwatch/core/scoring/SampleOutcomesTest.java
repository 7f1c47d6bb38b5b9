package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleOutcomesTest {

    private record Answer(String sample, Task task, int budget, Corruption corruption, boolean correct) {
    }

    private static List<Answer> answers(int samples) {
        List<Answer> answers = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < samples; i++) {
            Task task = i % 3 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
            for (int budget : new int[] {600, 0, 200}) {
                for (Corruption corruption : new Corruption[] {Corruption.CORRUPTION_NONE, Corruption.CORRUPTION_BLANK_IMAGE}) {
                    answers.add(new Answer("s" + i, task, budget, corruption, random.nextBoolean()));
                }
            }
        }
        return answers;
    }

    private static OutcomeTable record(List<Answer> answers, int maxSamples) {
        SampleOutcomes outcomes = new SampleOutcomes(maxSamples);
        answers.forEach(a -> outcomes.record(a.sample(), a.task(), a.budget(), a.corruption(), a.correct()));
        return outcomes.snapshot();
    }

    @Test
    void eachSampleKeepsItsTaskAndItsOutcomeInEverySlot() {
        SampleOutcomes outcomes = new SampleOutcomes(10);
        outcomes.record(Judgment.newBuilder()
                .setSample(SampleRef.newBuilder()
                        .setSampleId("q1")
                        .setTask(Task.TASK_REASONING)).setBudget(100)
                .setCorruption(Corruption.CORRUPTION_NONE).setVerdict(Verdict.VERDICT_CORRECT).build());
        outcomes.record(Judgment.newBuilder()
                .setSample(SampleRef.newBuilder()
                        .setSampleId("q1")
                        .setTask(Task.TASK_REASONING)).setBudget(0)
                .setCorruption(Corruption.CORRUPTION_TEXT_REMOVAL).setVerdict(Verdict.VERDICT_UNPARSEABLE).build());
        OutcomeTable table = outcomes.snapshot();

        assertThat(table.size()).isEqualTo(1);
        assertThat(table.budgets()).containsExactly(0, 100);
        assertThat(table.task(0)).isEqualTo(Task.TASK_REASONING);
        assertThat(table.sampleHash(0)).isEqualTo(SampleOutcomes.sampleHash("q1"));
        assertThat(table.outcome(0, 1, Corruption.CORRUPTION_NONE)).isEqualTo(OutcomeTable.Outcome.CORRECT);
        assertThat(table.outcome(0, 0, Corruption.CORRUPTION_TEXT_REMOVAL)).isEqualTo(OutcomeTable.Outcome.INCORRECT);
        assertThat(table.outcome(0, 0, Corruption.CORRUPTION_NONE)).isEqualTo(OutcomeTable.Outcome.MISSING);
    }

    @Test
    void theSnapshotDoesNotDependOnArrivalOrder() {
        List<Answer> answers = answers(300);
        OutcomeTable expected = record(answers, 300);
        Random random = new Random(9);
        for (int i = 0; i < 3; i++) {
            Collections.shuffle(answers, random);
            assertThat(record(answers, 300)).isEqualTo(expected);
        }
    }

    @Test
    void aSlotAnsweredTwiceIsCorrectOnlyIfBothAnswersWere() {
        for (boolean[] order : new boolean[][] {{true, false}, {false, true}}) {
            SampleOutcomes outcomes = new SampleOutcomes(1);
            outcomes.record("s", Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, order[0]);
            outcomes.record("s", Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, order[1]);
            assertThat(outcomes.snapshot().outcome(0, 0, Corruption.CORRUPTION_NONE)).isEqualTo(OutcomeTable.Outcome.INCORRECT);
        }
    }

    @Test
    void beyondTheBoundItKeepsTheSamplesWithTheSmallestHashesWhateverTheOrder() {
        int max = 100;
        List<Answer> answers = answers(1_000);
        long[] expected = IntStream.range(0, 1_000).mapToObj(i -> "s" + i).mapToLong(SampleOutcomes::sampleHash)
                .sorted().limit(max).toArray();
        OutcomeTable full = record(answers, 1_000);
        Random random = new Random(13);
        for (int i = 0; i < 3; i++) {
            Collections.shuffle(answers, random);
            OutcomeTable kept = record(answers, max);
            assertThat(kept.size()).isEqualTo(max);
            assertThat(IntStream.range(0, max).mapToLong(kept::sampleHash).toArray()).containsExactly(expected);
            // A kept sample lost none of its answers to the evictions around it.
            for (int s = 0; s < max; s++) {
                assertThat(kept.outcome(s, 2, Corruption.CORRUPTION_BLANK_IMAGE))
                        .isEqualTo(full.outcome(s, 2, Corruption.CORRUPTION_BLANK_IMAGE));
            }
        }
        // In arrival order by descending hash every new sample evicts one: the index survives it.
        answers.sort(Comparator.comparingLong((Answer a) -> SampleOutcomes.sampleHash(a.sample())).reversed());
        assertThat(IntStream.range(0, max).mapToLong(record(answers, max)::sampleHash).toArray()).containsExactly(expected);
    }

    @Test
    void aSampleNotKeptIsReportedAsSuch() {
        SampleOutcomes outcomes = new SampleOutcomes(1);
        String small = SampleOutcomes.sampleHash("a") < SampleOutcomes.sampleHash("b") ? "a" : "b";
        String large = small.equals("a") ? "b" : "a";
        assertThat(outcomes.record(small, Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, true)).isTrue();
        assertThat(outcomes.record(large, Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, true)).isFalse();
        assertThat(outcomes.size()).isEqualTo(1);
    }

    @Test
    void contradictoryOrOutOfRangeInputIsRejectedNamingTheField() {
        SampleOutcomes outcomes = new SampleOutcomes(10);
        outcomes.record("s", Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, true);
        assertThatThrownBy(() -> outcomes.record("s", Task.TASK_REASONING, 0, Corruption.CORRUPTION_NONE, true))
                .hasMessageStartingWith("task:").hasMessageContaining("TASK_PERCEPTION");
        assertThatThrownBy(() -> outcomes.record("t", Task.TASK_UNSPECIFIED, 0, Corruption.CORRUPTION_NONE, true))
                .hasMessageStartingWith("task:");
        for (int budget = 1; budget < SampleOutcomes.MAX_LEVELS; budget++) {
            outcomes.record("s", Task.TASK_PERCEPTION, budget, Corruption.CORRUPTION_NONE, true);
        }
        assertThatThrownBy(() -> outcomes.record("s", Task.TASK_PERCEPTION, 999, Corruption.CORRUPTION_NONE, true))
                .hasMessageStartingWith("budget:").hasMessageContaining(String.valueOf(SampleOutcomes.MAX_LEVELS));
        assertThatThrownBy(() -> new SampleOutcomes(0)).hasMessageStartingWith("maxSamples:");
    }

    @Test
    void oneHundredThousandSamplesTakeUnderFourMegabytes() {
        SampleOutcomes outcomes = new SampleOutcomes(100_000);
        for (int i = 0; i < 120_000; i++) {
            outcomes.record("sample-" + i, Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, true);
        }
        assertThat(outcomes.size()).isEqualTo(100_000);
        // 25 bytes of data a sample (hash, two masks, task), a 2^18-slot int index and the 4-byte heap entry.
        long expected = 100_000L * (8 + 8 + 8 + 1 + 4) + (1 << 18) * 4L + SampleOutcomes.MAX_LEVELS * 4L;
        assertThat(outcomes.retainedBytes()).isEqualTo(expected);
        assertThat(expected).isLessThan(4_000_000L);
    }
}
