package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.CellStats;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a model's counts into its curve: one point per level, RH-AUC over the clean probes. */
public final class Curves {

    private Curves() {
    }

    public static Curve of(ModelTally tally) {
        Map<Integer, CellStats> reasoning = new TreeMap<>();
        Map<Integer, CellStats> perception = new TreeMap<>();
        for (CellStats cell : tally.getCellsList()) {
            if (cell.getCorruption() != Corruption.CORRUPTION_NONE || cell.getJudged() == 0) {
                continue;
            }
            if (cell.getTask() == Task.TASK_REASONING) {
                reasoning.put(cell.getBudget(), cell);
            } else if (cell.getTask() == Task.TASK_PERCEPTION) {
                perception.put(cell.getBudget(), cell);
            }
        }

        List<CurvePoint> points = new ArrayList<>();
        List<RhAuc.Level> levels = new ArrayList<>();
        // A level counts only where both task types were judged.
        for (Map.Entry<Integer, CellStats> entry : reasoning.entrySet()) {
            CellStats p = perception.get(entry.getKey());
            if (p == null) {
                continue;
            }
            CellStats r = entry.getValue();
            CurvePoint point = CurvePoint.newBuilder()
                    .setBudget(entry.getKey())
                    .setReasoningAccuracy(accuracy(r))
                    .setPerceptionAccuracy(accuracy(p))
                    .setReasoningN(r.getJudged())
                    .setReasoningCorrect(r.getCorrect())
                    .setPerceptionN(p.getJudged())
                    .setPerceptionCorrect(p.getCorrect())
                    .build();
            points.add(point);
            levels.add(new RhAuc.Level(point.getBudget(), point.getReasoningAccuracy(), point.getPerceptionAccuracy()));
        }

        RhAuc.Result result = RhAuc.compute(levels);
        Curve.Builder curve = Curve.newBuilder()
                .setModel(tally.getModel())
                .setJudged(tally.getJudged())
                .addAllPoints(points)
                .addAllCells(sortedCells(tally))
                .setReason(result.reason())
                .setUpdatedAtMs(tally.getUpdatedAtMs());
        if (result.rhAuc() != null) {
            curve.setRhAuc(result.rhAuc());
        }
        if (result.rhAucRaw() != null) {
            curve.setRhAucRaw(result.rhAucRaw());
        }
        return curve.build();
    }

    public static double accuracy(CellStats cell) {
        return cell.getJudged() == 0 ? 0 : (double) cell.getCorrect() / cell.getJudged();
    }

    private static List<CellStats> sortedCells(ModelTally tally) {
        List<CellStats> cells = new ArrayList<>(tally.getCellsList());
        cells.sort(Comparator.comparingInt(CellStats::getBudget)
                .thenComparingInt(c -> c.getTask().getNumber())
                .thenComparingInt(c -> c.getCorruption().getNumber()));
        return cells;
    }
}
