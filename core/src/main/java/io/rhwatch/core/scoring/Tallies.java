package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;

import java.util.List;

/** Folds judgments into a model's counts per budget level × task × corruption. */
public final class Tallies {

    private Tallies() {
    }

    public static ModelTally empty(String model) {
        return ModelTally.newBuilder().setModel(model).build();
    }

    public static ModelTally add(ModelTally tally, Judgment judgment) {
        return add(tally, judgment, List.of());
    }

    /** Counts the judgment and the answer pairs it completed ({@link AnswerPairing}). */
    public static ModelTally add(ModelTally tally, Judgment judgment, List<AnswerPair> pairs) {
        ModelTally.Builder builder = tally.toBuilder()
                .setModel(judgment.getModel())
                .setJudged(tally.getJudged() + 1)
                .setUpdatedAtMs(Math.max(tally.getUpdatedAtMs(), judgment.getJudgedAtMs()));
        CellStats.Builder cell = cell(builder, judgment.getBudget(), judgment.getTask(), judgment.getCorruption());
        cell.setJudged(cell.getJudged() + 1)
                .setCorrect(cell.getCorrect() + (judgment.getVerdict() == Verdict.VERDICT_CORRECT ? 1 : 0))
                .setUnparseable(cell.getUnparseable() + (judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? 1 : 0))
                .setCensored(cell.getCensored() + (judgment.getCensored() ? 1 : 0));
        for (AnswerPair pair : pairs) {
            CellStats.Builder corrupted = cell(builder, pair.getBudget(), pair.getTask(), pair.getCorruption());
            corrupted.setPaired(corrupted.getPaired() + 1)
                    .setUnchanged(corrupted.getUnchanged() + (pair.getUnchanged() ? 1 : 0));
        }
        return builder.build();
    }

    /** The builder of the cell, added empty when the tally has none yet. */
    private static CellStats.Builder cell(ModelTally.Builder tally, int budget, Task task, Corruption corruption) {
        for (int i = 0; i < tally.getCellsCount(); i++) {
            CellStats cell = tally.getCells(i);
            if (cell.getBudget() == budget && cell.getTask() == task && cell.getCorruption() == corruption) {
                return tally.getCellsBuilder(i);
            }
        }
        return tally.addCellsBuilder().setBudget(budget).setTask(task).setCorruption(corruption);
    }
}
