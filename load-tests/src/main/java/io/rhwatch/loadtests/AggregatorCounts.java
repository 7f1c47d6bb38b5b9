package io.rhwatch.loadtests;

import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.ServiceException;
import io.rhwatch.cli.mesh.Mesh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** What the mesh's aggregator has counted, read over its HTTP API while the mesh runs. */
final class AggregatorCounts {

    /** Counts unchanged this long after reaching the expected number: late duplicates would have shown. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    /** No new judgment for this long: the rest will not come. */
    private static final Duration STALL = Duration.ofMinutes(4);

    private AggregatorCounts() {
    }

    /**
     * Polls the aggregator until every model has {@code expectedPerModel} judgments and they stay put, or the stream
     * stalls; returns each model's curve as it then stands.
     */
    static Map<String, AggregatorClient.ModelCurve> awaitCounted(Mesh mesh, long expectedPerModel, Consumer<String> say)
            throws InterruptedException {
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken());
        List<String> models = mesh.options().models();
        Map<String, AggregatorClient.ModelCurve> curves = new LinkedHashMap<>();
        String last = "";
        long changedAt = System.nanoTime();
        long nextNote = 0;
        while (true) {
            mesh.checkRunning();
            try {
                curves.clear();
                for (String model : models) {
                    aggregator.curve(model).ifPresent(curve -> curves.put(model, curve));
                }
            } catch (ServiceException notAnswering) {
                say.accept("the aggregator did not answer: " + notAnswering.getMessage());
            }
            String counts = curves.values().stream().map(c -> c.model() + " " + c.judged() + "/" + expectedPerModel)
                    .collect(Collectors.joining(", "));
            long now = System.nanoTime();
            if (!counts.equals(last)) {
                last = counts;
                changedAt = now;
            }
            boolean complete = curves.size() == models.size() && curves.values().stream().allMatch(c -> c.judged() >= expectedPerModel);
            if (complete && now - changedAt > SETTLE.toNanos()) {
                say.accept("counted: " + counts);
                return Map.copyOf(curves);
            }
            if (now - changedAt > STALL.toNanos()) {
                say.accept("no new judgment for " + STALL.toMinutes() + " min; counted: " + counts);
                return Map.copyOf(curves);
            }
            if (now > nextNote) {
                say.accept("counted so far: " + (counts.isEmpty() ? "nothing" : counts));
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(1000);
        }
    }

    /** Judgments counted over every model, waiting up to a minute for the aggregator to answer: a window's bound. */
    static long judgedOnceAnswering(AggregatorClient aggregator) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                return aggregator.models().stream().mapToLong(AggregatorClient.ModelSummary::judged).sum();
            } catch (ServiceException notAnswering) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the aggregator did not answer within a minute: " + notAnswering.getMessage(), notAnswering);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Judgments counted over every model; 0 while the aggregator does not answer. */
    static long judged(AggregatorClient aggregator) {
        try {
            return aggregator.models().stream().mapToLong(AggregatorClient.ModelSummary::judged).sum();
        } catch (ServiceException notAnswering) {
            return 0;
        }
    }
}
