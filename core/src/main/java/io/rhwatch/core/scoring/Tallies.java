package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.StabilityChange;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;

import java.util.List;
import java.util.function.Supplier;

/** Folds judgments into a model's counts per budget level × task × corruption (passive traffic: per bucket × task). */
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
        return add(tally, judgment, pairs, List.of());
    }

    /** Counts a judgment with the pairs and budget-stability changes it completed, as the aggregator passes them on. */
    public static ModelTally add(ModelTally tally, PairedJudgment paired) {
        return add(tally, paired.getJudgment(), paired.getPairsList(), paired.getStabilityList());
    }

    /**
     * Counts the judgment, the answer pairs and the budget-stability changes it completed. A labelled probed answer
     * counts in its cell's accuracy; an unlabelled one ({@code VERDICT_UNLABELLED}) only in its cell's
     * {@code unlabelled}; passive traffic (what the model served) only in the model's {@code served} cells, never in
     * the probed ones. Every answer adds its observed reasoning tokens to its cell, and pairs and stability count
     * whatever the labels.
     */
    public static ModelTally add(ModelTally tally, Judgment judgment, List<AnswerPair> pairs, List<StabilityChange> stability) {
        ModelTally.Builder builder = tally.toBuilder()
                .setModel(judgment.getModel())
                .setUpdatedAtMs(Math.max(tally.getUpdatedAtMs(), judgment.getJudgedAtMs()));
        boolean passive = judgment.getTrafficMode() == TrafficMode.TRAFFIC_MODE_PASSIVE;
        boolean unlabelled = judgment.getVerdict() == Verdict.VERDICT_UNLABELLED;
        CellStats.Builder cell = passive
                ? cell(builder.getServedBuilderList(), builder::addServedBuilder, judgment.getBudget(), judgment.getSample().getTask(),
                        judgment.getCorruption())
                : cell(builder.getCellsBuilderList(), builder::addCellsBuilder, judgment.getBudget(), judgment.getSample().getTask(),
                        judgment.getCorruption());
        cell.setReasoningTokens(cell.getReasoningTokens() + judgment.getReasoningTokens());
        if (unlabelled) {
            cell.setUnlabelled(cell.getUnlabelled() + 1);
        } else {
            cell.setJudged(cell.getJudged() + 1)
                    .setCorrect(cell.getCorrect() + (judgment.getVerdict() == Verdict.VERDICT_CORRECT ? 1 : 0))
                    .setUnparseable(cell.getUnparseable() + (judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? 1 : 0))
                    .setCensored(cell.getCensored() + (judgment.getCensored() ? 1 : 0));
        }
        if (!passive) {
            if (unlabelled) {
                builder.setUnlabelled(tally.getUnlabelled() + 1);
            } else {
                builder.setJudged(tally.getJudged() + 1);
            }
        }
        for (AnswerPair pair : pairs) {
            CellStats.Builder corrupted = cell(builder.getCellsBuilderList(), builder::addCellsBuilder,
                    pair.getBudget(), pair.getTask(), pair.getCorruption());
            corrupted.setPaired(corrupted.getPaired() + 1)
                    .setUnchanged(corrupted.getUnchanged() + (pair.getUnchanged() ? 1 : 0));
        }
        for (StabilityChange change : stability) {
            CellStats.Builder clean = cell(builder.getCellsBuilderList(), builder::addCellsBuilder,
                    change.getBudget(), change.getTask(), Corruption.CORRUPTION_NONE);
            clean.setStabilityCompared(clean.getStabilityCompared() + change.getCompared())
                    .setStabilitySame(clean.getStabilitySame() + change.getSame());
        }
        return builder.build();
    }

    /** The builder of the cell among {@code cells}, added empty when there is none yet. */
    private static CellStats.Builder cell(List<CellStats.Builder> cells, Supplier<CellStats.Builder> add,
                                         int budget, Task task, Corruption corruption) {
        for (CellStats.Builder cell : cells) {
            if (cell.getBudget() == budget && cell.getTask() == task && cell.getCorruption() == corruption) {
                return cell;
            }
        }
        return add.get().setBudget(budget).setTask(task).setCorruption(corruption);
    }
}
