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
 * @param reason why {@code rhAuc} or {@code rhAucRaw} is null; null when both are present
 */
public record Scorecard(String model, long judged, long updatedAtMs,
                        Double rhAuc, Interval rhAucCi, Double rhAucRaw, Interval rhAucRawCi, String reason,
                        List<Point> points, List<Cell> cells, List<CorruptionEffect> corruptions,
                        List<Censoring> censoring) {

    /** A budget level at which both tasks were judged on clean probes. */
    public record Point(int budget, double reasoningAccuracy, Interval reasoningCi,
                        double perceptionAccuracy, Interval perceptionCi,
                        long reasoningN, long reasoningCorrect, long perceptionN, long perceptionCorrect) {
    }

    /** Counts at one budget × task × corruption; unparseable and censored answers count as incorrect. */
    public record Cell(int budget, Task task, Corruption corruption, long judged, long correct,
                       double accuracy, Interval accuracyCi, long unparseable, long censored) {
    }

    /**
     * Hallucination as cue: accuracy on clean probes and under one corruption at one budget and
     * task. {@code gap} = clean − corrupted, with Newcombe's interval; {@code invariance} = the
     * share of paired answers that did not change without the evidence (null when none paired).
     */
    public record CorruptionEffect(int budget, Task task, Corruption corruption,
                                   double cleanAccuracy, double corruptedAccuracy, double gap, Interval gapCi,
                                   Double invariance, long invarianceN) {
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
        Bootstrap.Result intervals = result.rhAuc() == null && result.rhAucRaw() == null
                ? new Bootstrap.Result(null, null)
                : bootstrap.rhAuc(counts);

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
            if (cell.getCorruption() != Corruption.CORRUPTION_NONE && reference != null) {
                corruptions.add(new CorruptionEffect(cell.getBudget(), cell.getTask(), cell.getCorruption(),
                        accuracy(reference), accuracy(cell), accuracy(reference) - accuracy(cell),
                        Intervals.difference(reference.getCorrect(), reference.getJudged(), cell.getCorrect(), cell.getJudged()),
                        cell.getPaired() == 0 ? null : (double) cell.getUnchanged() / cell.getPaired(),
                        cell.getPaired()));
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
                List.copyOf(points), List.copyOf(cells), List.copyOf(corruptions), censored);
    }

    public static double accuracy(CellStats cell) {
        return cell.getJudged() == 0 ? 0 : (double) cell.getCorrect() / cell.getJudged();
    }
}
