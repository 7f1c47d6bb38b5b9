package io.rhwatch.cli.up;

import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.process.Supervisor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the live table shows at one moment.
 *
 * @param aggregatorUrl where the aggregator's HTTP API is
 * @param samples       samples the ingestion service accepted
 * @param budgets       the budget levels, ascending
 * @param probeKinds    "clean" and each corruption's label
 * @param models        one row per model, in the configured order
 * @param deadLetters   records per dead-letter topic
 * @param elapsed       since the benchmark was imported
 * @param notice        a transient problem worth showing (e.g. the aggregator not answering), or null
 * @param restarts      per process of the mesh, how often the supervisor restarted it
 */
public record RunView(URI aggregatorUrl, int samples, List<Integer> budgets, List<String> probeKinds,
                      List<ModelView> models, Map<String, Long> deadLetters, Duration elapsed, String notice,
                      List<Supervisor.Restarts> restarts) {

    public RunView {
        budgets = List.copyOf(budgets);
        probeKinds = List.copyOf(probeKinds);
        models = List.copyOf(models);
        deadLetters = Map.copyOf(deadLetters);
        restarts = List.copyOf(restarts);
    }

    /** The processes that exited at least once, or are down now waiting for their restart. */
    public List<Supervisor.Restarts> restarted() {
        return restarts.stream().filter(r -> r.count() > 0 || !r.running()).toList();
    }

    /**
     * One model's progress and curve.
     *
     * @param judged judgments the aggregator counted, every corruption
     * @param total  judgments the benchmark yields for this model
     * @param points clean-probe accuracy per level where both tasks were judged
     */
    public record ModelView(String model, long judged, long total, Double rhAuc, Double rhAucRaw, String reason,
                            List<AggregatorClient.Point> points) {

        public ModelView {
            points = List.copyOf(points);
        }

        public static ModelView notYetJudged(String model, long total) {
            return new ModelView(model, 0, total, null, null, null, List.of());
        }

        /** Exactly the benchmark's judgments: more than that means duplicates, which is not completion. */
        public boolean done() {
            return judged == total;
        }

        /** Judgments counted beyond what the benchmark yields (duplicates), or 0. */
        public long beyondTotal() {
            return Math.max(0, judged - total);
        }
    }

    /** Every model has all of its judgments. */
    public boolean done() {
        return !models.isEmpty() && models.stream().allMatch(ModelView::done);
    }

    /** A warning naming every model with more judgments than the benchmark yields, or null when there is none. */
    public String duplicatesWarning() {
        List<String> over = models.stream().filter(m -> m.beyondTotal() > 0)
                .map(m -> m.model() + " has " + m.judged() + " of " + m.total()).toList();
        return over.isEmpty() ? null
                : "more judgments than the benchmark yields, so some are duplicates: " + String.join(", ", over);
    }

    public long deadLetterTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
}
