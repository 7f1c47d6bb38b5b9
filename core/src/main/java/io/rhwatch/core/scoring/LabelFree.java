package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model's answers say without labels (docs/LABEL_FREE.md), from its counts alone, so every reader of a tally
 * (curve, window, {@code rhwatch score}) computes the same numbers. Labelled and unlabelled answers count alike here:
 * an answer needs no label to be compared with another.
 *
 * @param grounding       per budget level: the share of perception answers that changed when the image was blanked or
 *                        swapped, with the level's mean observed reasoning length
 * @param stability       per budget level and task: the share of clean answers equal to the same sample's at its
 *                        smallest level answered
 * @param labelFreeRhAuc  RH-AUC with grounding for perception accuracy and mean reasoning length for reasoning
 *                        accuracy; null with {@code reason}
 * @param reason          why {@code labelFreeRhAuc} is null; null when it is present
 * @param unlabelled      unlabelled probed answers counted (never in accuracy)
 * @param served          passive traffic (what the model served) per observed-length bucket and task
 */
public record LabelFree(List<Grounding> grounding, List<Stability> stability, Double labelFreeRhAuc, String reason,
                        long unlabelled, List<Served> served) {

    public static final String TOO_FEW_LEVELS = "fewer than two budget levels with grounding pairs and clean answers";
    public static final String FLAT_LENGTH = "the mean reasoning length is the same at every level, so the curve has no width";
    public static final String FLAT_GROUNDING = "grounding is the same at every level, so it cannot be normalised";

    /** The corruptions that remove the image's evidence: grounding pools their pairs. */
    static final List<Corruption> IMAGE_REMOVALS = List.of(Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE);

    /**
     * @param pairs               perception answers paired clean against blank_image or random_image (a pair needs a
     *                            parseable clean answer)
     * @param changed             pairs whose corrupted answer differs from the clean one (an unparseable one differs)
     * @param groundingCi         95% Wilson interval of changed / pairs
     * @param meanReasoningTokens observed reasoning tokens over every clean probed answer at the level (both tasks,
     *                            labelled or not); null when the level has none
     */
    public record Grounding(int budget, long pairs, long changed, double grounding, Interval groundingCi,
                            Double meanReasoningTokens) {
    }

    /** Clean answers at one level and task compared with the sample's at its smallest level, and how many were equal. */
    public record Stability(int budget, Task task, long compared, long same, double stability, Interval stabilityCi) {
    }

    /**
     * Passive traffic at one bucket of observed reasoning length (its upper edge in tokens) and task: every answer,
     * the labelled ones judged with their accuracy (null without any), and the unlabelled.
     */
    public record Served(int bucket, Task task, long answers, long judged, long correct, Double accuracy,
                         Interval accuracyCi, long unlabelled, Double meanReasoningTokens) {
    }

    public static LabelFree of(ModelTally tally) {
        Map<Integer, long[]> grounding = new TreeMap<>();   // budget → pairs, unchanged
        Map<Integer, long[]> lengths = new TreeMap<>();     // budget → answers, tokens (clean)
        List<Stability> stability = new ArrayList<>();
        for (CellStats cell : sorted(tally.getCellsList())) {
            if (cell.getTask() == Task.TASK_PERCEPTION && IMAGE_REMOVALS.contains(cell.getCorruption()) && cell.getPaired() > 0) {
                long[] counts = grounding.computeIfAbsent(cell.getBudget(), b -> new long[2]);
                counts[0] += cell.getPaired();
                counts[1] += cell.getUnchanged();
            }
            if (cell.getCorruption() == Corruption.CORRUPTION_NONE) {
                long[] counts = lengths.computeIfAbsent(cell.getBudget(), b -> new long[2]);
                counts[0] += cell.getJudged() + cell.getUnlabelled();
                counts[1] += cell.getReasoningTokens();
                // a window's counts can hold a take-back of a comparison counted in an earlier window; whole runs never do
                if (cell.getStabilityCompared() > 0 && cell.getStabilitySame() >= 0
                        && cell.getStabilitySame() <= cell.getStabilityCompared()) {
                    stability.add(new Stability(cell.getBudget(), cell.getTask(), cell.getStabilityCompared(),
                            cell.getStabilitySame(), (double) cell.getStabilitySame() / cell.getStabilityCompared(),
                            Intervals.wilson(cell.getStabilitySame(), cell.getStabilityCompared())));
                }
            }
        }
        List<Grounding> points = new ArrayList<>();
        List<RhAuc.Level> levels = new ArrayList<>();
        grounding.forEach((budget, counts) -> {
            long changed = counts[0] - counts[1];
            long[] length = lengths.get(budget);
            Double meanTokens = length == null || length[0] == 0 ? null : (double) length[1] / length[0];
            Grounding point = new Grounding(budget, counts[0], changed, (double) changed / counts[0],
                    Intervals.wilson(changed, counts[0]), meanTokens);
            points.add(point);
            if (meanTokens != null) {
                levels.add(new RhAuc.Level(budget, meanTokens, point.grounding()));
            }
        });
        RhAuc.Result auc = RhAuc.compute(levels);
        return new LabelFree(List.copyOf(points), List.copyOf(stability), auc.rhAuc(), reason(auc), tally.getUnlabelled(),
                served(tally));
    }

    /** RhAuc's reasons name its accuracies; here the axes are reasoning length and grounding. */
    private static String reason(RhAuc.Result auc) {
        return switch (auc.reason()) {
            case "" -> null;
            case RhAuc.TOO_FEW_LEVELS -> TOO_FEW_LEVELS;
            case RhAuc.FLAT_REASONING -> FLAT_LENGTH;
            case RhAuc.FLAT_PERCEPTION -> FLAT_GROUNDING;
            default -> auc.reason();
        };
    }

    private static List<Served> served(ModelTally tally) {
        List<Served> served = new ArrayList<>();
        for (CellStats cell : sorted(tally.getServedList())) {
            long answers = cell.getJudged() + cell.getUnlabelled();
            served.add(new Served(cell.getBudget(), cell.getTask(), answers, cell.getJudged(), cell.getCorrect(),
                    cell.getJudged() == 0 ? null : (double) cell.getCorrect() / cell.getJudged(),
                    Intervals.wilson(cell.getCorrect(), cell.getJudged()), cell.getUnlabelled(),
                    answers == 0 ? null : (double) cell.getReasoningTokens() / answers));
        }
        return List.copyOf(served);
    }

    private static List<CellStats> sorted(List<CellStats> cells) {
        return cells.stream().sorted(Comparator.comparingInt(CellStats::getBudget)
                .thenComparingInt(c -> c.getTask().getNumber())
                .thenComparingInt(c -> c.getCorruption().getNumber())).toList();
    }
}
