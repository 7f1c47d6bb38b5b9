package io.rhwatch.aggregator.windows;

import io.rhwatch.aggregator.config.AggregatorConfig;
import io.rhwatch.aggregator.config.WindowSettings;
import io.rhwatch.aggregator.regression.RegressionBaseline;
import io.rhwatch.aggregator.regression.RegressionDetector;
import io.rhwatch.aggregator.regression.RegressionRule;
import io.rhwatch.aggregator.regression.RegressionSettings;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionWatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.List;

/**
 * The topology's windowed part: each model's judgments counted per tumbling window of every configured size
 * (by the record's timestamp, which the judge stamps when it judges), in a changelogged window store per size
 * ("model-windows-{seconds}s", kept for the retention), published to the compacted rh.windows after every update;
 * and the windows of the regression size followed by the {@link RegressionDetector}, whose raised and cleared
 * alerts go to rh.alerts keyed by model; a pinned baseline version is read from the read model's curves.
 */
@ApplicationScoped
public class WindowedCounts {

    public static final String WINDOWS_TOPIC = MeshPlan.WINDOWS;
    public static final String ALERTS_TOPIC = MeshPlan.ALERTS;

    private static final ProtobufSerde<PairedJudgment> PAIRED_SERDE = new ProtobufSerde<>(PairedJudgment.parser(), PairedJudgment.class);
    private static final ProtobufSerde<ModelTally> TALLY_SERDE = new ProtobufSerde<>(ModelTally.parser(), ModelTally.class);
    private static final ProtobufSerde<ModelWindow> WINDOW_SERDE = new ProtobufSerde<>(ModelWindow.parser(), ModelWindow.class);
    private static final ProtobufSerde<RegressionWatch> WATCH_SERDE = new ProtobufSerde<>(RegressionWatch.parser(), RegressionWatch.class);
    private static final ProtobufSerde<RegressionAlert> ALERT_SERDE = new ProtobufSerde<>(RegressionAlert.parser(), RegressionAlert.class);

    private final List<Duration> sizes;
    private final Duration grace;
    private final Duration retention;
    private final Duration regressionWindow;
    private final RegressionRule rule;
    private final RegressionBaseline baseline;
    private final Bootstrap bootstrap = new Bootstrap();

    @Inject
    public WindowedCounts(AggregatorConfig config) {
        this(config.windows(), config.regression());
    }

    /** Checks what relates settings to each other; each setting's own range is validated at start (AggregatorConfig). */
    public WindowedCounts(WindowSettings windows, RegressionSettings regression) {
        for (Duration size : windows.sizes()) {
            if (size.toMillis() < 1000 || size.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("rhwatch.aggregator.windows.sizes: " + size + " is not a whole number of seconds of at least 1 s");
            }
            if (windows.retention().compareTo(size.plus(windows.grace())) < 0) {
                throw new IllegalArgumentException("rhwatch.aggregator.windows.retention: " + windows.retention()
                        + " is shorter than the window size " + size + " plus the grace " + windows.grace());
            }
        }
        if (windows.sizes().stream().distinct().count() != windows.sizes().size()) {
            throw new IllegalArgumentException("rhwatch.aggregator.windows.sizes: " + windows.sizes() + " names a size twice");
        }
        if (!windows.sizes().contains(regression.window())) {
            throw new IllegalArgumentException("rhwatch.aggregator.regression.window: " + regression.window()
                    + " is not one of rhwatch.aggregator.windows.sizes " + windows.sizes());
        }
        this.sizes = List.copyOf(windows.sizes());
        this.grace = windows.grace();
        this.retention = windows.retention();
        this.regressionWindow = regression.window();
        this.rule = new RegressionRule(regression);
        this.baseline = RegressionBaseline.parse(regression.baseline());
    }

    public List<Duration> sizes() {
        return sizes;
    }

    public Duration retention() {
        return retention;
    }

    public Duration regressionWindow() {
        return regressionWindow;
    }

    static String storeName(Duration size) {
        return "model-windows-" + size.toSeconds() + "s";
    }

    /**
     * Counts {@code paired} (keyed by model, first deliveries only) per window and follows the regression windows.
     *
     * @param curvesStore the global store of every model's latest curve, where a pinned baseline version's counts are read
     */
    public void addTo(StreamsBuilder builder, KStream<String, PairedJudgment> paired, String curvesStore) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RegressionDetector.STORE),
                Serdes.String(), WATCH_SERDE));
        for (Duration size : sizes) {
            String name = storeName(size);
            long sizeMs = size.toMillis();
            KStream<String, ModelWindow> windows = paired
                    .groupByKey(Grouped.<String, PairedJudgment>as("group-" + name).withKeySerde(Serdes.String()).withValueSerde(PAIRED_SERDE))
                    .windowedBy(TimeWindows.ofSizeAndGrace(size, grace))
                    .aggregate(ModelTally::getDefaultInstance,
                            (model, judgment, tally) -> Tallies.add(tally, judgment),
                            Named.as("count-" + name),
                            Materialized.<String, ModelTally, WindowStore<Bytes, byte[]>>as(name)
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(TALLY_SERDE)
                                    .withRetention(retention))
                    .toStream(Named.as("changes-" + name))
                    .map((window, tally) -> KeyValue.pair(window.key(), ModelWindow.newBuilder()
                            .setModel(window.key())
                            .setSizeMs(sizeMs)
                            .setStartMs(window.window().start())
                            .setEndMs(window.window().end())
                            .setTally(tally)
                            .build()), Named.as("window-" + name));
            windows.map((model, window) -> KeyValue.pair(WindowKey.of(model, sizeMs, window.getStartMs()), window),
                            Named.as("key-" + name))
                    .to(WINDOWS_TOPIC, Produced.with(Serdes.String(), WINDOW_SERDE));
            if (size.equals(regressionWindow)) {
                windows.processValues(() -> new RegressionDetector(rule, bootstrap, baseline, curvesStore), Named.as("detect-regressions"), RegressionDetector.STORE)
                        .to(ALERTS_TOPIC, Produced.with(Serdes.String(), ALERT_SERDE));
            }
        }
    }
}
