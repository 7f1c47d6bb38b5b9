package io.rhwatch.aggregator.readmodel;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.core.scoring.OutcomeTable;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.VersionComparison;
import io.rhwatch.core.scoring.view.ComparisonView;
import io.rhwatch.core.scoring.view.CurveView;
import io.rhwatch.core.scoring.view.ModelSummary;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.RegressionAlert;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the aggregator serves, for every model, read from one place: the global stores of
 * {@link ReadModelStores} (the latest published curve and the newest examples per model) and the
 * {@link RhAucHistory} fed from the same curves. REST, server-sent events and the gauges all ask
 * here, so they show the same numbers, and any instance answers for every model.
 */
@ApplicationScoped
public class ReadModel {

    private record Cached(Curve curve, Scorecard scorecard) {
    }

    private record CachedComparison(byte[] a, byte[] b, VersionComparison.Result result) {
    }

    /** Comparisons kept for repeated reads of the same pairs (the dashboard polls one). */
    private static final int CACHED_COMPARISONS = 16;
    private static final byte[] EMPTY_OUTCOMES = new SampleOutcomes(1).snapshot().toBytes();

    private final KafkaStreams streams;
    private final RhAucHistory history;
    private final Bootstrap bootstrap = new Bootstrap();
    /** The scorecard of each model's latest curve: its bootstrap is worth computing once per curve, not per read. */
    private final Map<String, Cached> scorecards = new ConcurrentHashMap<>();
    private final VersionComparison comparison = new VersionComparison();
    private final Map<String, CachedComparison> comparisons = new ConcurrentHashMap<>();

    ReadModel(KafkaStreams streams, RhAucHistory history) {
        this.streams = streams;
        this.history = history;
    }

    /** One row per model, sorted by name, with its raised regression or null. */
    public List<ModelOverview> overview() {
        ReadOnlyKeyValueStore<String, RegressionAlert> alerts = store(ReadModelStores.REGRESSIONS_STORE);
        return models().stream().map(summary -> new ModelOverview(summary, RegressionView.of(alerts.get(summary.model())))).toList();
    }

    /** The model's raised regression, if any. */
    public Optional<RegressionView> regression(String model) {
        return Optional.ofNullable(RegressionView.of(this.<RegressionAlert>store(ReadModelStores.REGRESSIONS_STORE).get(model)));
    }

    /** One row per model, sorted by name. */
    public List<ModelSummary> models() {
        return curves().stream().map(curve -> ModelSummary.of(scorecard(curve))).toList();
    }

    /** @throws UnknownModelException naming the known models */
    public CurveView curve(String model) {
        return CurveView.of(scorecard(model));
    }

    /** The model's row of {@link #models()}, if it has a curve. */
    public Optional<ModelSummary> summary(String model) {
        return latest(model).map(curve -> ModelSummary.of(scorecard(curve)));
    }

    /** The model's newest judgments, newest first, at most {@code limit}. @throws UnknownModelException naming the known models */
    public List<Judgment> examples(String model, int limit) {
        scorecard(model);
        ReadOnlyKeyValueStore<String, JudgedExample> store = store(ReadModelStores.EXAMPLES_STORE);
        List<JudgedExample> examples = new ArrayList<>();
        try (KeyValueIterator<String, JudgedExample> slots = store.range(
                ReadModelStores.firstExampleSlot(model), ReadModelStores.pastLastExampleSlot(model))) {
            slots.forEachRemaining(slot -> examples.add(slot.value));
        }
        return examples.stream()
                .sorted(Comparator.comparingLong(JudgedExample::getSequence).reversed())
                .limit(limit)
                .map(JudgedExample::getJudgment)
                .toList();
    }

    /**
     * Model {@code a} against model {@code b} (keys, name@version) on the samples both have seen, with both curves.
     *
     * @throws UnknownModelException naming the known models when either has no curve
     */
    public ComparisonView compare(String a, String b) {
        CurveView curveA = curve(a);
        CurveView curveB = curve(b);
        byte[] outcomesA = outcomes(a);
        byte[] outcomesB = outcomes(b);
        String pair = a + "\u0000" + b;
        CachedComparison cached = comparisons.get(pair);
        if (cached == null || !Arrays.equals(cached.a(), outcomesA) || !Arrays.equals(cached.b(), outcomesB)) {
            cached = new CachedComparison(outcomesA, outcomesB,
                    comparison.compare(OutcomeTable.parse(outcomesA), OutcomeTable.parse(outcomesB)));
            if (comparisons.size() >= CACHED_COMPARISONS) {
                comparisons.clear();
            }
            comparisons.put(pair, cached);
        }
        return ComparisonView.of(a, b, cached.result(), curveA, curveB);
    }

    /** The model's published outcome table; an empty one while it has none (published with its first curve). */
    private byte[] outcomes(String model) {
        byte[] outcomes = this.<byte[]>store(ReadModelStores.OUTCOMES_STORE).get(model);
        return outcomes != null ? outcomes : EMPTY_OUTCOMES;
    }

    /** Every model's RH-AUC over time. */
    public List<RhAucHistory.ModelHistory> history() {
        return history.all();
    }

    /** @throws UnknownModelException naming the known models, when the model has no curve */
    void requireKnown(String model) {
        scorecard(model);
    }

    private Scorecard scorecard(String model) {
        return scorecard(latest(model).orElseThrow(() -> new UnknownModelException(model,
                curves().stream().map(Curve::getModel).toList())));
    }

    private Scorecard scorecard(Curve curve) {
        Cached cached = scorecards.get(curve.getModel());
        if (cached != null && cached.curve().equals(curve)) {
            return cached.scorecard();
        }
        // A curve carries its model's whole tally and its paired intervals, so the scorecard is the one the topology published.
        Scorecard scorecard = Curves.scorecard(curve, bootstrap);
        scorecards.put(curve.getModel(), new Cached(curve, scorecard));
        return scorecard;
    }

    private Optional<Curve> latest(String model) {
        return Optional.ofNullable(this.<Curve>store(ReadModelStores.CURVES_STORE).get(model));
    }

    private List<Curve> curves() {
        List<Curve> curves = new ArrayList<>();
        try (KeyValueIterator<String, Curve> all = this.<Curve>store(ReadModelStores.CURVES_STORE).all()) {
            all.forEachRemaining(entry -> curves.add(entry.value));
        }
        curves.sort(Comparator.comparing(Curve::getModel));
        return curves;
    }

    <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            // Not started yet, or still replaying the published views: a state worth retrying.
            throw new ReadModelUnavailableException(name, streams.state(), e);
        }
    }
}
