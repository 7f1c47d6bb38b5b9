package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One sample's outcomes at every budget level and corruption, self-contained (levels named by
 * budget), so a store can keep samples one row each and update one without reading the others: the
 * aggregator's "sample-outcomes" store holds one per model and sample. {@link SampleOutcomes#add}
 * folds rows back into a model's outcomes. Same rules as {@link SampleOutcomes}: a slot answered
 * twice is correct only if both answers were; at most {@value SampleOutcomes#MAX_LEVELS} levels.
 *
 * <p>Bytes: the task, the number of levels, then per level ascending its budget (4 bytes) and one
 * byte of slots, the high nibble {@code seen} and the low nibble {@code correct}, bit = corruption.
 */
public final class OutcomeRow {

    private final Task task;
    private final int[] budgets;
    private final byte[] slots;

    private OutcomeRow(Task task, int[] budgets, byte[] slots) {
        this.task = task;
        this.budgets = budgets;
        this.slots = slots;
    }

    /** A sample of this task with no answer yet. */
    public static OutcomeRow of(Task task) {
        checkTask(task);
        return new OutcomeRow(task, new int[0], new byte[0]);
    }

    public Task task() {
        return task;
    }

    /**
     * The row with one more answer.
     *
     * @throws IllegalArgumentException naming the field when the task contradicts the row's, the corruption is
     *                                  unknown, or the budget would be level {@value SampleOutcomes#MAX_LEVELS} + 1
     */
    public OutcomeRow with(Task task, int budget, Corruption corruption, boolean isCorrect) {
        if (task != this.task) {
            throw new IllegalArgumentException("task: the sample was recorded as " + this.task + " and is now judged as " + task);
        }
        int bit = 1 << SampleOutcomes.checkedCorruption(corruption);
        int level = Arrays.binarySearch(budgets, budget);
        int[] nextBudgets = budgets;
        byte[] nextSlots;
        if (level < 0) {
            if (budgets.length == SampleOutcomes.MAX_LEVELS) {
                throw new IllegalArgumentException("budget: a model holds at most " + SampleOutcomes.MAX_LEVELS
                        + " budget levels, " + budget + " would be one more than " + Arrays.toString(budgets));
            }
            level = -level - 1;
            nextBudgets = new int[budgets.length + 1];
            nextSlots = new byte[budgets.length + 1];
            System.arraycopy(budgets, 0, nextBudgets, 0, level);
            System.arraycopy(budgets, level, nextBudgets, level + 1, budgets.length - level);
            System.arraycopy(slots, 0, nextSlots, 0, level);
            System.arraycopy(slots, level, nextSlots, level + 1, slots.length - level);
            nextBudgets[level] = budget;
        } else {
            nextSlots = slots.clone();
        }
        int seen = (nextSlots[level] >>> 4) & 0xf;
        int correct = nextSlots[level] & 0xf;
        if ((seen & bit) == 0) {
            seen |= bit;
            correct = isCorrect ? correct | bit : correct;
        } else if (!isCorrect) {
            correct &= ~bit;
        }
        nextSlots[level] = (byte) (seen << 4 | correct);
        return new OutcomeRow(task, nextBudgets, nextSlots);
    }

    /** Adds this row's answers to sample {@code hash} of {@code outcomes}; false when the sample is not among those kept. */
    boolean addTo(SampleOutcomes outcomes, long hash) {
        boolean kept = outcomes.admit(hash, task);
        for (int l = 0; kept && l < budgets.length; l++) {
            int seen = (slots[l] >>> 4) & 0xf;
            for (int c = 0; c < SampleOutcomes.CORRUPTIONS; c++) {
                if ((seen & 1 << c) != 0) {
                    outcomes.record(hash, task, budgets[l], Corruption.forNumber(c), (slots[l] & 1 << c) != 0);
                }
            }
        }
        return kept;
    }

    public byte[] toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(2 + budgets.length * 5);
        bytes.put((byte) task.getNumber()).put((byte) budgets.length);
        for (int l = 0; l < budgets.length; l++) {
            bytes.putInt(budgets[l]).put(slots[l]);
        }
        return bytes.array();
    }

    /** @throws IllegalArgumentException when the bytes are not a row */
    public static OutcomeRow parse(byte[] bytes) {
        if (bytes == null || bytes.length < 2) {
            throw new IllegalArgumentException("outcome row: " + (bytes == null ? 0 : bytes.length) + " bytes, expected at least 2");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Task task = Task.forNumber(buffer.get());
        int levels = buffer.get();
        if (levels < 0 || levels > SampleOutcomes.MAX_LEVELS || bytes.length != 2 + levels * 5) {
            throw new IllegalArgumentException("outcome row: " + bytes.length + " bytes do not hold " + levels + " levels");
        }
        checkTask(task);
        int[] budgets = new int[levels];
        byte[] slots = new byte[levels];
        for (int l = 0; l < levels; l++) {
            budgets[l] = buffer.getInt();
            slots[l] = buffer.get();
            if (l > 0 && budgets[l] <= budgets[l - 1]) {
                throw new IllegalArgumentException("outcome row: budgets are not ascending: " + Arrays.toString(budgets));
            }
        }
        return new OutcomeRow(task, budgets, slots);
    }

    private static void checkTask(Task task) {
        if (task != Task.TASK_PERCEPTION && task != Task.TASK_REASONING) {
            throw new IllegalArgumentException("task: must be perception or reasoning, was " + task);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutcomeRow r && task == r.task && Arrays.equals(budgets, r.budgets) && Arrays.equals(slots, r.slots);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(budgets) + Arrays.hashCode(slots);
    }
}
