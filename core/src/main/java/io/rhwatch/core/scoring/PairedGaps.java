package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * Hallucination as cue on paired outcomes: at each budget level, task and corruption, clean minus
 * corrupted accuracy over the samples answered under both conditions, with Newcombe's paired
 * interval ({@link Intervals#pairedDifference}). Where per-sample outcomes exist this replaces the
 * unpaired interval of {@link Scorecard.CorruptionEffect}: the same sample under both conditions
 * shares its difficulty, so the difference varies less than two independent accuracies would.
 */
public final class PairedGaps {

    /**
     * @param pairs         samples answered both clean and corrupted at this level
     * @param cleanOnly     pairs right only when clean: the evidence was needed
     * @param corruptedOnly pairs right only when corrupted
     */
    public record Gap(int budget, Task task, Corruption corruption, long pairs, long cleanOnly, long corruptedOnly,
                      double cleanAccuracy, double corruptedAccuracy, double gap, Interval gapCi) {
    }

    private static final Task[] TASKS = {Task.TASK_PERCEPTION, Task.TASK_REASONING};
    private static final Corruption[] CORRUPTIONS = {
            Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL};

    private PairedGaps() {
    }

    /** Every level × task × corruption with at least one pair, by budget, task, corruption. */
    public static List<Gap> of(OutcomeTable table) {
        List<Gap> gaps = new ArrayList<>();
        for (int l = 0; l < table.levels(); l++) {
            long clean = OutcomeTable.bit(l, Corruption.CORRUPTION_NONE);
            for (Task task : TASKS) {
                for (Corruption corruption : CORRUPTIONS) {
                    long corrupted = OutcomeTable.bit(l, corruption);
                    long[] table2x2 = new long[4];
                    for (int i = 0; i < table.size(); i++) {
                        if (table.tasks[i] != task.getNumber() || (table.seen[i] & clean) == 0 || (table.seen[i] & corrupted) == 0) {
                            continue;
                        }
                        boolean cleanRight = (table.correct[i] & clean) != 0;
                        boolean corruptedRight = (table.correct[i] & corrupted) != 0;
                        table2x2[(cleanRight ? 0 : 2) + (corruptedRight ? 0 : 1)]++;
                    }
                    long pairs = table2x2[0] + table2x2[1] + table2x2[2] + table2x2[3];
                    if (pairs == 0) {
                        continue;
                    }
                    double cleanAccuracy = (double) (table2x2[0] + table2x2[1]) / pairs;
                    double corruptedAccuracy = (double) (table2x2[0] + table2x2[2]) / pairs;
                    gaps.add(new Gap(table.budget(l), task, corruption, pairs, table2x2[1], table2x2[2],
                            cleanAccuracy, corruptedAccuracy, cleanAccuracy - corruptedAccuracy,
                            Intervals.pairedDifference(table2x2[0], table2x2[1], table2x2[2], table2x2[3])));
                }
            }
        }
        return List.copyOf(gaps);
    }
}
