package io.rhwatch.loadtests;

import io.rhwatch.cli.client.AggregatorClient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judgments counted per cell (budget level × task × corruption) of one model, and how a count differs from the one
 * wanted: a cell counted less lost judgments, one counted more counted some twice. Cell by cell, so a loss in one
 * cell and a double count in another do not cancel out in the totals.
 */
final class CellCounts {

    /** What a count lacks and has too much, with one line per differing cell. */
    record Tally(long lost, long countedTwice, List<String> differences) {

        static final Tally NONE = new Tally(0, 0, List.of());

        Tally {
            differences = List.copyOf(differences);
        }

        Tally plus(Tally other) {
            List<String> all = new ArrayList<>(differences);
            all.addAll(other.differences);
            return new Tally(lost + other.lost, countedTwice + other.countedTwice, all);
        }
    }

    private CellCounts() {
    }

    static String cell(int budget, String task, String corruption) {
        return "budget " + budget + " " + task + " " + corruption;
    }

    /** The aggregator's count per cell of one model's curve. */
    static Map<String, Long> of(AggregatorClient.ModelCurve curve) {
        Map<String, Long> cells = new HashMap<>();
        for (AggregatorClient.Cell cell : curve.cells()) {
            cells.merge(cell(cell.budget(), cell.task(), cell.corruption()), cell.judged(), Long::sum);
        }
        return cells;
    }

    /** {@code got} against {@code want}, cell by cell, the differences named "{model} {cell}: n lost|counted twice". */
    static Tally compare(String model, Map<String, Long> want, Map<String, Long> got) {
        long lost = 0;
        long countedTwice = 0;
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(want.keySet());
        keys.addAll(got.keySet());
        for (String cell : keys) {
            long delta = got.getOrDefault(cell, 0L) - want.getOrDefault(cell, 0L);
            if (delta < 0) {
                lost -= delta;
                differences.add(model + " " + cell + ": " + -delta + " lost");
            } else if (delta > 0) {
                countedTwice += delta;
                differences.add(model + " " + cell + ": " + delta + " counted twice");
            }
        }
        return new Tally(lost, countedTwice, differences);
    }
}
