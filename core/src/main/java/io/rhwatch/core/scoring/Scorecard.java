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
 * Every number rhwatch reports for one model, computed from its counts alone: the curve and
 * RH-AUC with intervals, every cell with its Wilson interval, the hallucination-as-cue view and
 * censoring. The aggregator and {@code rhwatch score} both report this, so they agree.
 *
 * <p>Values come from the counts. Intervals come from the model's per-sample outcomes where there are
 * some ({@link PairedIntervals}: whole samples of both tasks resampled; gaps on the samples answered
 * both ways), otherwise from the counts alone ({@link Bootstrap} over cells, Newcombe's unpaired interval).
 *
 * @param reason         why {@code rhAuc} or {@code rhAucRaw} is null; null when both are present
 * @param intervalMethod {@link #PAIRED} or {@link #CELLS}: what the RH-AUC intervals resampled
 * @param rhAucDegenerateShare the share of resamples in which RH-AUC was undefined; null with cell intervals
 * @param labelFree      the signals that need no labels, and passive traffic ({@link LabelFree})
 */
public record Scorecard(String model, long judged, long updatedAtMs,
                        Double rhAuc, Interval rhAucCi, Double rhAucRaw, Interval rhAucRawCi, String reason,
                        List<Point> points, List<Cell> cells, List<CorruptionEffect> corruptions,
                        List<Censoring> censoring, String intervalMethod, Double rhAucDegenerateShare,
                        Double rhAucRawDegenerateShare, long pairedReasoningSamples, long pairedPerceptionSamples,
                        LabelFree labelFree) {

    /** Intervals from whole samples resampled ({@link PairedBootstrap}). */
    public static final String PAIRED = "paired_samples";
    /** Intervals from cells resampled independently ({@link Bootstrap}): no per-sample outcomes. */
    public static final String CELLS = "cells";

    /** A budget level at which both tasks were judged on clean probes. */
    public record Point(int budget, double reasoningAccuracy, Interval reasoningCi,
                        double perceptionAccuracy, Interval perceptionCi,
                        long reasoningN, long reasoningCorrect, long perceptionN, long perceptionCorrect) {
    }

    /** Counts at one budget × task × corruption; unparseable answers count as incorrect, censored ones by their verdict. */
    public record Cell(int budget, Task task, Corruption corruption, long judged, long correct,
                       double accuracy, Interval accuracyCi, long unparseable, long censored) {
    }

    /**
     * Hallucination as cue: accuracy on clean probes and under one corruption at one budget and
     * task. {@code gap} = clean − corrupted, with Newcombe's interval; {@code invariance} = the
     * share of paired answers that did not change without the evidence (null when none paired).
     * With per-sample outcomes, the accuracies and the gap are over the {@code pairs} samples
     * answered both ways and the interval is Newcombe's paired one; otherwise over all answers
     * counted, with the unpaired interval, and {@code pairs} is null.
     */
    public record CorruptionEffect(int budget, Task task, Corruption corruption,
                                   double cleanAccuracy, double corruptedAccuracy, double gap, Interval gapCi,
                                   Double invariance, long invarianceN, Long pairs, Long cleanOnly, Long corruptedOnly) {
    }

    /** Answers at one budget (every task and corruption) that had no extractable answer or hit the answer-length limit. */
    public record Censoring(int budget, long judged, long unparseable, long censored,
                            double unparseableRate, double censoredRate) {
    }

    private static final Comparator<CellStats> CELL_ORDER = Comparator.comparingInt(CellStats::getBudget)
            .thenComparingInt(c -> c.getTask().getNumber())
            .thenComparingInt(c -> c.getCorruption().getNumber());

    public static Scorecard of(ModelTally tally) {
        return of(tally, new Bootstrap());
    }

    public static Scorecard of(ModelTally tally, Bootstrap bootstrap) {
        return of(tally, bootstrap, null);
    }

    /** @param paired the model's paired intervals, or null when it has no per-sample outcomes */
    public static Scorecard of(ModelTally tally, Bootstrap bootstrap, PairedIntervals paired) {
        List<CellStats> sorted = tally.getCellsList().stream().filter(c -> c.getJudged() > 0).sorted(CELL_ORDER).toList();
        Map<String, CellStats> clean = new TreeMap<>();
        for (CellStats cell : sorted) {
            if (cell.getCorruption() == Corruption.CORRUPTION_NONE) {
                clean.put(cell.getBudget() + "|" + cell.getTask().getNumber(), cell);
            }
        }

        List<Point> points = new ArrayList<>();
        List<RhAuc.Level> levels = new ArrayList<>();
        List<Bootstrap.LevelCounts> counts = new ArrayList<>();
        for (CellStats r : sorted) {
            if (r.getCorruption() != Corruption.CORRUPTION_NONE || r.getTask() != Task.TASK_REASONING) {
                continue;
            }
            // A level counts only where both task types were judged.
            CellStats p = clean.get(r.getBudget() + "|" + Task.TASK_PERCEPTION.getNumber());
            if (p == null) {
                continue;
            }
            Point point = new Point(r.getBudget(), accuracy(r), Intervals.wilson(r.getCorrect(), r.getJudged()),
                    accuracy(p), Intervals.wilson(p.getCorrect(), p.getJudged()),
                    r.getJudged(), r.getCorrect(), p.getJudged(), p.getCorrect());
            points.add(point);
            levels.add(new RhAuc.Level(point.budget(), point.reasoningAccuracy(), point.perceptionAccuracy()));
            counts.add(new Bootstrap.LevelCounts(point.budget(), r.getJudged(), r.getCorrect(), p.getJudged(), p.getCorrect()));
        }
        RhAuc.Result result = RhAuc.compute(levels);
        Bootstrap.Result intervals;
        boolean pairedCurve = paired != null && paired.coversTheCurve();
        if (pairedCurve) {
            intervals = new Bootstrap.Result(paired.rhAucCi(), paired.rhAucRawCi());
        } else {
            intervals = result.rhAuc() == null && result.rhAucRaw() == null
                    ? new Bootstrap.Result(null, null)
                    : bootstrap.rhAuc(counts);
        }
        Map<String, PairedGaps.Gap> pairedGaps = new TreeMap<>();
        if (paired != null) {
            paired.gaps().forEach(g -> pairedGaps.put(g.budget() + "|" + g.task().getNumber() + "|" + g.corruption().getNumber(), g));
        }

        List<Cell> cells = new ArrayList<>();
        List<CorruptionEffect> corruptions = new ArrayList<>();
        Map<Integer, long[]> censoring = new TreeMap<>();
        for (CellStats cell : sorted) {
            cells.add(new Cell(cell.getBudget(), cell.getTask(), cell.getCorruption(), cell.getJudged(), cell.getCorrect(),
                    accuracy(cell), Intervals.wilson(cell.getCorrect(), cell.getJudged()),
                    cell.getUnparseable(), cell.getCensored()));
            long[] level = censoring.computeIfAbsent(cell.getBudget(), b -> new long[3]);
            level[0] += cell.getJudged();
            level[1] += cell.getUnparseable();
            level[2] += cell.getCensored();
            CellStats reference = clean.get(cell.getBudget() + "|" + cell.getTask().getNumber());
            PairedGaps.Gap gap = pairedGaps.get(cell.getBudget() + "|" + cell.getTask().getNumber() + "|" + cell.getCorruption().getNumber());
            Double invariance = cell.getPaired() == 0 ? null : (double) cell.getUnchanged() / cell.getPaired();
            if (gap != null) {
                corruptions.add(new CorruptionEffect(cell.getBudget(), cell.getTask(), cell.getCorruption(),
                        gap.cleanAccuracy(), gap.corruptedAccuracy(), gap.gap(), gap.gapCi(), invariance, cell.getPaired(),
                        gap.pairs(), gap.cleanOnly(), gap.corruptedOnly()));
            } else if (cell.getCorruption() != Corruption.CORRUPTION_NONE && reference != null) {
                corruptions.add(new CorruptionEffect(cell.getBudget(), cell.getTask(), cell.getCorruption(),
                        accuracy(reference), accuracy(cell), accuracy(reference) - accuracy(cell),
                        Intervals.difference(reference.getCorrect(), reference.getJudged(), cell.getCorrect(), cell.getJudged()),
                        invariance, cell.getPaired(), null, null, null));
            }
        }
        List<Censoring> censored = censoring.entrySet().stream()
                .map(e -> new Censoring(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        (double) e.getValue()[1] / e.getValue()[0], (double) e.getValue()[2] / e.getValue()[0]))
                .toList();

        return new Scorecard(tally.getModel(), tally.getJudged(), tally.getUpdatedAtMs(),
                result.rhAuc(), result.rhAuc() == null ? null : intervals.rhAuc(),
                result.rhAucRaw(), result.rhAucRaw() == null ? null : intervals.rhAucRaw(),
                result.reason().isEmpty() ? null : result.reason(),
                List.copyOf(points), List.copyOf(cells), List.copyOf(corruptions), censored,
                pairedCurve ? PAIRED : CELLS,
                !pairedCurve || result.rhAuc() == null ? null : paired.rhAucDegenerateShare(),
                !pairedCurve || result.rhAucRaw() == null ? null : paired.rhAucRawDegenerateShare(),
                paired == null ? 0 : paired.reasoningSamples(), paired == null ? 0 : paired.perceptionSamples(),
                LabelFree.of(tally));
    }

    public static double accuracy(CellStats cell) {
        return cell.getJudged() == 0 ? 0 : (double) cell.getCorrect() / cell.getJudged();
    }
}
