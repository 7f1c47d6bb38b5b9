package io.rhwatch.loadtests;

import io.rhwatch.cli.client.AggregatorClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the aggregator counted in the chaos run against the quiet run on the same samples, cell by cell
 * (model × budget level × task × corruption): judgments missing ({@code lost}), judgments beyond the quiet
 * run's ({@code countedTwice}), and whether every model's RH-AUC and rh_auc_raw are the quiet run's to 1e-9.
 * The quiet run must have counted every judgment the samples yield, or it is no reference.
 */
record ChaosComparison(long expected, long lost, long countedTwice, boolean rhAucEqual, List<String> differences) {

    static final double TOLERANCE = 1e-9;

    ChaosComparison {
        differences = List.copyOf(differences);
    }

    /**
     * @param expectedPerModel judgments the samples yield per model
     * @param quiet            the quiet run's curve per model
     * @param chaos            the chaos run's curve per model
     * @throws IllegalStateException when the quiet run did not count exactly {@code expectedPerModel} for every model
     */
    static ChaosComparison of(long expectedPerModel, Map<String, AggregatorClient.ModelCurve> quiet,
                              Map<String, AggregatorClient.ModelCurve> chaos) {
        for (AggregatorClient.ModelCurve curve : quiet.values()) {
            if (curve.judged() != expectedPerModel) {
                throw new IllegalStateException("the quiet run counted " + curve.judged() + " judgments of " + curve.model()
                        + " instead of " + expectedPerModel + ", so it is no reference");
            }
        }
        CellCounts.Tally tally = CellCounts.Tally.NONE;
        boolean rhAucEqual = true;
        List<String> differences = new ArrayList<>();
        for (String model : new TreeSet<>(quiet.keySet())) {
            AggregatorClient.ModelCurve reference = quiet.get(model);
            AggregatorClient.ModelCurve measured = chaos.get(model);
            CellCounts.Tally ofModel = CellCounts.compare(model, CellCounts.of(reference),
                    measured == null ? Map.of() : CellCounts.of(measured));
            tally = tally.plus(ofModel);
            differences.addAll(ofModel.differences());
            if (measured == null) {
                rhAucEqual = false;
                differences.add(model + ": no curve in the chaos run");
                continue;
            }
            if (!same(reference.rhAuc(), measured.rhAuc()) || !same(reference.rhAucRaw(), measured.rhAucRaw())) {
                rhAucEqual = false;
                differences.add(model + ": RH-AUC " + measured.rhAuc() + " (raw " + measured.rhAucRaw() + ") instead of "
                        + reference.rhAuc() + " (raw " + reference.rhAucRaw() + ")");
            }
        }
        return new ChaosComparison(expectedPerModel * quiet.size(), tally.lost(), tally.countedTwice(), rhAucEqual, differences);
    }

    private static boolean same(Double a, Double b) {
        return a == null ? b == null : b != null && Math.abs(a - b) <= TOLERANCE;
    }
}
