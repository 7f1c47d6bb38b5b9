package io.rhwatch.aggregator.streams;

import io.rhwatch.aggregator.config.AggregatorConfig;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.core.Labels;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.StabilityState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * rh.judgments → judgments not seen before ("judgment-ids": at-least-once delivery may repeat one)
 * → the newest examples per model on rh.examples → clean and corrupted answers paired for answer
 * invariance ("answer-pairs") → each sample's clean answers across levels for budget stability ("budget-stability")
 * → per-model counts, labelled accuracy apart from unlabelled and passive answers ({@link Tallies}) ("model-tallies") → the model's curve on rh.curves
 * after every update; the same paired judgments per time window on rh.windows, and regressions on rh.alerts
 * ({@link WindowedCounts}). Beside the counts, each model's per-sample outcomes ("sample-outcomes", bounded
 * per model) give the curve its paired intervals and are published on rh.outcomes with it. Models are
 * counted under name@version ({@link io.rhwatch.core.ModelKey}). Every store here is backed by a changelog topic and holds the partitions this
 * instance counts; what is served is read back from rh.curves and rh.examples into the read model's
 * global stores ({@link ReadModelStores}), which hold every model. Records that cannot be counted go
 * to rh.dlq.aggregator with the reason; the stream never stops on them.
 */
@ApplicationScoped
public class TopologyProducer {

    public static final String JUDGMENTS_TOPIC = "rh.judgments";
    public static final String CURVES_TOPIC = "rh.curves";
    public static final String EXAMPLES_TOPIC = "rh.examples";
    public static final String DEAD_LETTER_TOPIC = "rh.dlq.aggregator";
    public static final String TALLIES_STORE = "model-tallies";
    public static final String PAIRS_STORE = "answer-pairs";
    public static final String STABILITY_STORE = "budget-stability";
    public static final String JUDGMENT_IDS_STORE = "judgment-ids";
    public static final String EXAMPLE_COUNTS_STORE = "model-example-counts";
    public static final String OUTCOMES_TOPIC = MeshPlan.OUTCOMES;
    public static final String SAMPLE_OUTCOMES_STORE = "sample-outcomes";
    public static final String SAMPLE_COUNTS_STORE = "sample-outcome-counts";

    private static final ProtobufSerde<Judgment> JUDGMENT_SERDE = new ProtobufSerde<>(Judgment.parser(), Judgment.class);
    private static final ProtobufSerde<ModelTally> TALLY_SERDE = new ProtobufSerde<>(ModelTally.parser(), ModelTally.class);
    private static final ProtobufSerde<Curve> CURVE_SERDE = new ProtobufSerde<>(Curve.parser(), Curve.class);
    private static final ProtobufSerde<PairedJudgment> PAIRED_SERDE = new ProtobufSerde<>(PairedJudgment.parser(), PairedJudgment.class);
    private static final ProtobufSerde<PairingState> PAIRING_SERDE = new ProtobufSerde<>(PairingState.parser(), PairingState.class);
    private static final ProtobufSerde<StabilityState> STABILITY_SERDE = new ProtobufSerde<>(StabilityState.parser(), StabilityState.class);
    private static final ProtobufSerde<JudgedExample> EXAMPLE_SERDE = new ProtobufSerde<>(JudgedExample.parser(), JudgedExample.class);

    private final ReadModelStores readModel;
    private final WindowedCounts windows;
    private final Duration dedupeRetention;
    private final Duration pairsRetention;
    private final Set<Corruption> corruptions;
    private final int maxSamples;
    private final Duration pairedEvery;

    @Inject
    public TopologyProducer(ReadModelStores readModel, WindowedCounts windows, AggregatorConfig config) {
        this(readModel, windows, config.dedupeRetention(), config.pairsRetention(), config.corruptions(),
                config.outcomes().maxSamples(), config.outcomes().pairedEvery());
    }

    /**
     * @param dedupeRetention how long a judgment id is remembered to drop its redeliveries
     * @param pairsRetention  how long answers wait for their pair before they are dropped
     * @param corruptions     the corruptions every sample is probed with (as rhwatch.corruption.corruptions);
     *                        a sample's answers are forgotten once all of them were paired with the clean one
     * @param maxSamples      the samples kept per model for the paired statistics (docs/STATISTICS.md, memory)
     * @param pairedEvery     how often at most a model's paired intervals are resampled ({@link CurvePublisher})
     */
    public TopologyProducer(ReadModelStores readModel, WindowedCounts windows, Duration dedupeRetention,
                            Duration pairsRetention, List<String> corruptions, int maxSamples, Duration pairedEvery) {
        this.maxSamples = maxSamples;
        this.pairedEvery = pairedEvery;
        this.readModel = readModel;
        this.windows = windows;
        this.dedupeRetention = dedupeRetention;
        this.pairsRetention = pairsRetention;
        this.corruptions = parse(corruptions);
    }

    private static Set<Corruption> parse(List<String> labels) {
        Set<Corruption> corruptions = EnumSet.noneOf(Corruption.class);
        for (String label : labels) {
            Corruption corruption = Labels.corruption(label.trim())
                    .filter(c -> c != Corruption.CORRUPTION_NONE)
                    .orElseThrow(() -> new IllegalArgumentException("rhwatch.aggregator.corruptions: unknown corruption '"
                            + label + "', expected some of blank_image, random_image, text_removal"));
            corruptions.add(corruption);
        }
        return corruptions;
    }

    @Produces
    public Topology buildTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JUDGMENT_IDS_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(PAIRS_STORE),
                Serdes.String(), PAIRING_SERDE));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(STABILITY_STORE),
                Serdes.String(), STABILITY_SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EXAMPLE_COUNTS_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAMPLE_OUTCOMES_STORE),
                Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SAMPLE_COUNTS_STORE),
                Serdes.String(), Serdes.Long()));

        Map<String, KStream<String, ParsedJudgment>> parsed = builder
                .stream(JUDGMENTS_TOPIC, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(ParsedJudgment::of, Named.as("parse-judgment"))
                .split(Named.as("judgment-"))
                .branch((key, judgment) -> judgment.valid(), Branched.as("countable"))
                .defaultBranch(Branched.as("rejected"));

        parsed.get("judgment-rejected")
                .processValues(DeadLetter::new, Named.as("dead-letter"))
                .to(DEAD_LETTER_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()));

        KStream<String, Judgment> judgments = parsed.get("judgment-countable")
                .mapValues(ParsedJudgment::judgment, Named.as("countable-judgment"));
        // The judge keys by model already; only records keyed otherwise pay for a repartition.
        KStream<String, Judgment> keyedByModel = judgments.filter((key, judgment) -> judgment.getModel().equals(key));
        KStream<String, Judgment> rekeyed = judgments
                .filterNot((key, judgment) -> judgment.getModel().equals(key))
                .selectKey((key, judgment) -> judgment.getModel())
                .repartition(Repartitioned.<String, Judgment>as("judgments-by-model")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(JUDGMENT_SERDE));

        // Deduplicated after keying by model, so every delivery of one judgment meets the same store.
        KStream<String, Judgment> firstDeliveries = keyedByModel.merge(rekeyed)
                .processValues(() -> new JudgmentDeduplicator(dedupeRetention), Named.as("drop-redeliveries"), JUDGMENT_IDS_STORE);
        firstDeliveries
                .process(ExampleRecorder::new, Named.as("record-examples"), EXAMPLE_COUNTS_STORE)
                .to(EXAMPLES_TOPIC, Produced.with(Serdes.String(), EXAMPLE_SERDE));
        KStream<String, PairedJudgment> paired = firstDeliveries
                .processValues(() -> new OutcomeRecorder(maxSamples), Named.as("record-outcomes"),
                        SAMPLE_OUTCOMES_STORE, SAMPLE_COUNTS_STORE)
                .processValues(() -> new AnswerPairer(corruptions, pairsRetention), Named.as("pair-answers"), PAIRS_STORE)
                .processValues(() -> new StabilityTracker(pairsRetention), Named.as("track-stability"), STABILITY_STORE);
        // Budget stability is whole-run only: a sample re-based by a smaller level arriving in a later window would take
        // a comparison back from a window that never counted it.
        windows.addTo(builder, paired.mapValues(judgment -> judgment.toBuilder().clearStability().build(),
                Named.as("without-stability")), ReadModelStores.CURVES_STORE);
        KStream<String, CurvePublisher.Published> published = paired
                .groupByKey(Grouped.with(Serdes.String(), PAIRED_SERDE))
                .aggregate(ModelTally::getDefaultInstance,
                        (model, judgment, tally) -> Tallies.add(tally, judgment),
                        Named.as("count-judgments"),
                        Materialized.<String, ModelTally>as(Stores.persistentKeyValueStore(TALLIES_STORE))
                                .withKeySerde(Serdes.String())
                                .withValueSerde(TALLY_SERDE))
                .toStream()
                .processValues(() -> new CurvePublisher(maxSamples, pairedEvery), Named.as("curve"), SAMPLE_OUTCOMES_STORE);
        published.mapValues(CurvePublisher.Published::curve, Named.as("curve-only"))
                .to(CURVES_TOPIC, Produced.with(Serdes.String(), CURVE_SERDE));
        published.filter((model, curve) -> curve.outcomes() != null, Named.as("new-intervals-only"))
                .mapValues(CurvePublisher.Published::outcomes, Named.as("outcomes-only"))
                .to(OUTCOMES_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()));

        readModel.addTo(builder, CURVES_TOPIC, EXAMPLES_TOPIC);
        readModel.addOutcomesTo(builder, OUTCOMES_TOPIC);
        readModel.addWindowsTo(builder, WindowedCounts.WINDOWS_TOPIC, WindowedCounts.ALERTS_TOPIC);

        return builder.build();
    }
}
