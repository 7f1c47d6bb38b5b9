package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeRowTest {

    @Test
    void rowsFoldBackIntoTheSameTableAsTheAnswersThemselvesAndTheTableSurvivesItsBytes() {
        SampleOutcomes direct = new SampleOutcomes(50);
        Map<String, OutcomeRow> rows = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        int[] budgets = {600, 0, 150, 50};
        for (int i = 0; i < 2_000; i++) {
            String sample = "s" + random.nextInt(120);
            Task task = sample.hashCode() % 2 == 0 ? Task.TASK_PERCEPTION : Task.TASK_REASONING;
            int budget = budgets[random.nextInt(budgets.length)];
            Corruption corruption = Corruption.forNumber(random.nextInt(4));
            boolean correct = random.nextDouble() < 0.7;
            direct.record(sample, task, budget, corruption, correct);
            rows.compute(sample, (id, row) -> (row == null ? OutcomeRow.of(task) : row).with(task, budget, corruption, correct));
        }
        SampleOutcomes folded = new SampleOutcomes(50);
        rows.forEach((sample, row) -> folded.add(SampleOutcomes.sampleHash(sample), OutcomeRow.parse(row.toBytes())));

        OutcomeTable table = direct.snapshot();
        assertThat(folded.snapshot()).isEqualTo(table);
        assertThat(table.size()).isEqualTo(50);
        byte[] bytes = table.toBytes();
        assertThat(bytes).hasSize(2 + 4 * Integer.BYTES + Integer.BYTES + 50 * OutcomeTable.BYTES_PER_SAMPLE);
        assertThat(OutcomeTable.parse(bytes)).isEqualTo(table);
    }

    @Test
    void aSlotAnsweredTwiceIsCorrectOnlyIfBothWereAndBadInputIsNamed() {
        OutcomeRow row = OutcomeRow.of(Task.TASK_REASONING)
                .with(Task.TASK_REASONING, 100, Corruption.CORRUPTION_NONE, false)
                .with(Task.TASK_REASONING, 100, Corruption.CORRUPTION_NONE, true);
        SampleOutcomes outcomes = new SampleOutcomes(1);
        outcomes.add(7L, row);
        assertThat(outcomes.snapshot().outcome(0, 0, Corruption.CORRUPTION_NONE)).isEqualTo(OutcomeTable.Outcome.INCORRECT);

        assertThatThrownBy(() -> row.with(Task.TASK_PERCEPTION, 0, Corruption.CORRUPTION_NONE, true)).hasMessageStartingWith("task:");
        OutcomeRow full = OutcomeRow.of(Task.TASK_REASONING);
        for (int level = 0; level < SampleOutcomes.MAX_LEVELS; level++) {
            full = full.with(Task.TASK_REASONING, level, Corruption.CORRUPTION_NONE, true);
        }
        OutcomeRow sixteen = full;
        assertThatThrownBy(() -> sixteen.with(Task.TASK_REASONING, 999, Corruption.CORRUPTION_NONE, true)).hasMessageStartingWith("budget:");
        assertThatThrownBy(() -> OutcomeRow.parse(new byte[] {2, 3, 0})).hasMessageStartingWith("outcome row:");
        assertThatThrownBy(() -> OutcomeTable.parse(new byte[] {9, 0, 0, 0, 0, 0})).hasMessageStartingWith("outcome table:");
    }
}
