package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.Verdict;

/** Folds judgments into a model's counts per budget level × task × corruption. */
public final class Tallies {

    private Tallies() {
    }

    public static ModelTally empty(String model) {
        return ModelTally.newBuilder().setModel(model).build();
    }

    public static ModelTally add(ModelTally tally, Judgment judgment) {
        ModelTally.Builder builder = tally.toBuilder()
                .setModel(judgment.getModel())
                .setJudged(tally.getJudged() + 1)
                .setUpdatedAtMs(Math.max(tally.getUpdatedAtMs(), judgment.getJudgedAtMs()));
        int index = indexOf(tally, judgment);
        CellStats cell = index >= 0 ? tally.getCells(index) : CellStats.newBuilder()
                .setBudget(judgment.getBudget())
                .setTask(judgment.getTask())
                .setCorruption(judgment.getCorruption())
                .build();
        CellStats counted = cell.toBuilder()
                .setJudged(cell.getJudged() + 1)
                .setCorrect(cell.getCorrect() + (judgment.getVerdict() == Verdict.VERDICT_CORRECT ? 1 : 0))
                .setUnparseable(cell.getUnparseable() + (judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? 1 : 0))
                .setCensored(cell.getCensored() + (judgment.getCensored() ? 1 : 0))
                .build();
        if (index >= 0) {
            builder.setCells(index, counted);
        } else {
            builder.addCells(counted);
        }
        return builder.build();
    }

    private static int indexOf(ModelTally tally, Judgment judgment) {
        for (int i = 0; i < tally.getCellsCount(); i++) {
            CellStats cell = tally.getCells(i);
            if (cell.getBudget() == judgment.getBudget()
                    && cell.getTask() == judgment.getTask()
                    && cell.getCorruption() == judgment.getCorruption()) {
                return i;
            }
        }
        return -1;
    }
}
