package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The clean-probe counters RH-AUC is computed from, laid out for {@link SamplePatterns}: per budget
 * level, reasoning judged and correct, then perception judged and correct; a second version's block
 * follows the first's. A level counts only where both tasks were judged, as in the {@link Scorecard}.
 */
final class CleanCurve {

    static final int PER_LEVEL = 4;
    static final int STRATA = 2;

    private CleanCurve() {
    }

    /** The stratum a task's samples are resampled in. */
    static int stratum(byte task) {
        return task == Task.TASK_REASONING.getNumber() ? 0 : 1;
    }

    /**
     * Adds sample {@code i}'s clean outcomes to {@code vector} in the block starting at {@code offset},
     * the table's level {@code l} at position {@code levelAt[l]} of the block.
     */
    static void contribute(OutcomeTable table, int i, int[] levelAt, int[] vector, int offset) {
        int taskOffset = stratum(table.tasks[i]) * 2;
        for (int l = 0; l < table.levels(); l++) {
            long bit = OutcomeTable.bit(l, Corruption.CORRUPTION_NONE);
            if ((table.seen[i] & bit) != 0) {
                int at = offset + levelAt[l] * PER_LEVEL + taskOffset;
                vector[at]++;
                if ((table.correct[i] & bit) != 0) {
                    vector[at + 1]++;
                }
            }
        }
    }

    static RhAuc.Result rhAuc(long[] totals, int offset, int[] budgets) {
        List<RhAuc.Level> levels = new ArrayList<>(budgets.length);
        for (int l = 0; l < budgets.length; l++) {
            int at = offset + l * PER_LEVEL;
            long reasoningJudged = totals[at];
            long perceptionJudged = totals[at + 2];
            if (reasoningJudged > 0 && perceptionJudged > 0) {
                levels.add(new RhAuc.Level(budgets[l], (double) totals[at + 1] / reasoningJudged,
                        (double) totals[at + 3] / perceptionJudged));
            }
        }
        return RhAuc.compute(levels);
    }

    static double value(Double value) {
        return value == null ? Double.NaN : value;
    }
}
