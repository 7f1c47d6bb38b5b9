package io.rhwatch.core.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RH-AUC (arXiv 2505.21523): the area under perception accuracy as a function of reasoning
 * accuracy across reasoning-length levels, both axes min-max normalised.
 * Degenerate inputs give absent values with a reason, never an exception.
 */
public final class RhAuc {

    public static final String TOO_FEW_LEVELS = "fewer than two budget levels with both tasks judged";
    public static final String FLAT_REASONING = "reasoning accuracy is the same at every level, so the curve has no width";
    public static final String FLAT_PERCEPTION = "perception accuracy is the same at every level, so it cannot be normalised";

    /** One budget level: x = reasoning accuracy, y = perception accuracy, both in [0, 1]. */
    public record Level(int budget, double reasoningAccuracy, double perceptionAccuracy) {
    }

    /**
     * @param rhAuc    the normalised area in [0, 1], or null
     * @param rhAucRaw trapezoid(y, x) / (max x - min x): mean perception accuracy over the reasoning range, or null
     * @param reason   why a value is null; empty when both are present
     */
    public record Result(Double rhAuc, Double rhAucRaw, String reason) {
    }

    private RhAuc() {
    }

    public static Result compute(List<Level> levels) {
        if (levels.size() < 2) {
            return new Result(null, null, TOO_FEW_LEVELS);
        }
        List<Level> sorted = new ArrayList<>(levels);
        sorted.sort(Comparator.comparingDouble(Level::reasoningAccuracy).thenComparingInt(Level::budget));

        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Level level : sorted) {
            minX = Math.min(minX, level.reasoningAccuracy());
            maxX = Math.max(maxX, level.reasoningAccuracy());
            minY = Math.min(minY, level.perceptionAccuracy());
            maxY = Math.max(maxY, level.perceptionAccuracy());
        }
        double spreadX = maxX - minX;
        double spreadY = maxY - minY;
        if (spreadX <= 0) {
            return new Result(null, null, FLAT_REASONING);
        }

        double rawArea = 0;
        double normalisedArea = 0;
        for (int i = 1; i < sorted.size(); i++) {
            Level a = sorted.get(i - 1);
            Level b = sorted.get(i);
            double width = b.reasoningAccuracy() - a.reasoningAccuracy();
            rawArea += width * (a.perceptionAccuracy() + b.perceptionAccuracy()) / 2;
            if (spreadY > 0) {
                double ya = (a.perceptionAccuracy() - minY) / spreadY;
                double yb = (b.perceptionAccuracy() - minY) / spreadY;
                normalisedArea += (width / spreadX) * (ya + yb) / 2;
            }
        }
        double raw = rawArea / spreadX;
        if (spreadY <= 0) {
            return new Result(null, raw, FLAT_PERCEPTION);
        }
        return new Result(normalisedArea, raw, "");
    }
}
