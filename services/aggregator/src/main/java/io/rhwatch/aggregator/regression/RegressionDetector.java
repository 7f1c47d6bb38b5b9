package io.rhwatch.aggregator.regression;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionWatch;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each model's windows of one size (keyed by model) with a {@link RegressionWatcher} and forwards its RAISED
 * and CLEARED alerts. The baseline is the model's own previous two windows or, with a pinned version
 * ({@link RegressionBaseline}), that version's whole-run counts as its curve in the read model's global store has
 * them. Each model's watch is in the changelogged {@link #STORE}.
 */
public class RegressionDetector implements FixedKeyProcessor<String, ModelWindow, RegressionAlert> {

    public static final String STORE = "regression-watch";

    private final RegressionWatcher watcher;
    private final RegressionBaseline baseline;
    private final String curvesStore;
    private FixedKeyProcessorContext<String, RegressionAlert> context;
    private KeyValueStore<String, RegressionWatch> watches;
    private KeyValueStore<String, Curve> curves;

    /**
     * @param curvesStore the global store of every model's latest curve, by model key: where a pinned version's
     *                    whole-run counts are read (not read with a previous-window baseline)
     */
    public RegressionDetector(RegressionRule rule, Bootstrap bootstrap, RegressionBaseline baseline, String curvesStore) {
        this.watcher = new RegressionWatcher(rule, bootstrap);
        this.baseline = baseline;
        this.curvesStore = curvesStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, RegressionAlert> context) {
        this.context = context;
        this.watches = context.getStateStore(STORE);
        if (baseline.pinnedVersion().isPresent()) {
            this.curves = context.getStateStore(curvesStore);
        }
    }

    @Override
    public void process(FixedKeyRecord<String, ModelWindow> record) {
        RegressionWatch watch = watches.get(record.key());
        RegressionWatch next = watcher.update(watch, record.key(), record.value(), record.timestamp(), pinnedVersion(record.key()),
                alert -> context.forward(record.withValue(alert)));
        if (next != watch) {
            watches.put(record.key(), next);
        }
    }

    /**
     * The pinned version's whole run as a window (start 0, its curve's counts), or null: with a previous-window
     * baseline, for the pinned version itself, and while that version has no curve.
     */
    private ModelWindow pinnedVersion(String model) {
        return baseline.pinnedKey(model)
                .map(key -> {
                    Curve curve = curves.get(key);
                    return curve == null ? null : ModelWindow.newBuilder()
                            .setModel(key)
                            .setEndMs(curve.getUpdatedAtMs())
                            .setTally(ModelTally.newBuilder().setModel(key).setJudged(curve.getJudged()).addAllCells(curve.getCellsList()))
                            .build();
                })
                .orElse(null);
    }
}
