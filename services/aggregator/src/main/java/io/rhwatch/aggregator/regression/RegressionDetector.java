package io.rhwatch.aggregator.regression;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionState;
import io.rhwatch.proto.v1.RegressionWatch;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each model's windows of one size (keyed by model) and raises a regression when the current window is
 * worse than its baseline by the {@link RegressionRule}. The baseline is the previous window or, with a pinned
 * version ({@link RegressionBaseline}), that version's whole-run counts as its curve in the read model's global
 * store has them. The growing current window is compared whenever its count has doubled since the last comparison
 * (first as soon as some level has the minimum samples on both sides), and once more, complete, when the next window
 * starts; each look at its share of the error rate. Once raised, a previous-window baseline stays pinned to the window
 * before the drop, so a drop that persists stays raised, and the regression is cleared when a complete window is no
 * longer worse than that baseline (or than the pinned version). Forwards only the changes: one RAISED or CLEARED
 * alert per change of state. Its state is in the changelogged {@link #STORE}.
 */
public class RegressionDetector implements FixedKeyProcessor<String, ModelWindow, RegressionAlert> {

    public static final String STORE = "regression-watch";

    private final RegressionRule rule;
    private final Bootstrap bootstrap;
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
        this.rule = rule;
        this.bootstrap = bootstrap;
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
        ModelWindow window = record.value();
        RegressionWatch watch = watches.get(record.key());
        RegressionWatch.Builder next = watch == null ? RegressionWatch.newBuilder() : watch.toBuilder();
        ModelWindow pinnedVersion = pinnedVersion(record.key());
        if (!next.hasCurrent() || window.getStartMs() > next.getCurrent().getStartMs()) {
            if (next.hasCurrent()) {
                ModelWindow finished = next.getCurrent();
                ModelWindow before = pinnedVersion != null ? pinnedVersion : next.hasPrevious() ? next.getPrevious() : null;
                if (!next.getRaised() && before != null) {
                    // the complete window's last look, with all its samples
                    RegressionRule.Comparison comparison = rule.compare(before.getTally(), finished.getTally(), next.getLooks());
                    if (comparison.regressed()) {
                        forward(record, raised(record, before, finished, comparison));
                        next.setRaised(true).setPinnedBaseline(before);
                    }
                }
                next.setPrevious(finished);
                if (next.getRaised()) {
                    ModelWindow against = pinnedVersion != null ? pinnedVersion : next.getPinnedBaseline();
                    RegressionRule.Comparison verdict = rule.compare(against.getTally(), finished.getTally(), 0);
                    if (verdict.compared() > 0 && !verdict.regressed()) {
                        forward(record, cleared(record, against, finished));
                        next.setRaised(false).clearPinnedBaseline();
                    }
                }
            }
            next.setCurrent(window).setLooks(0).setNextLookJudged(0);
        } else if (window.getStartMs() == next.getCurrent().getStartMs()) {
            next.setCurrent(window);
        } else if (next.hasPrevious() && window.getStartMs() == next.getPrevious().getStartMs()) {
            // a late judgment of the previous window: the baseline is better for it
            next.setPrevious(window);
        } else {
            return; // older than anything compared
        }
        long judged = next.getCurrent().getTally().getJudged();
        ModelWindow before = pinnedVersion != null ? pinnedVersion : next.hasPrevious() ? next.getPrevious() : null;
        if (!next.getRaised() && before != null && judged >= next.getNextLookJudged()) {
            RegressionRule.Comparison comparison = rule.compare(before.getTally(), next.getCurrent().getTally(), next.getLooks());
            if (comparison.compared() > 0) {
                // a look that compared nothing spent nothing
                next.setLooks(next.getLooks() + 1).setNextLookJudged(2 * judged);
            }
            if (comparison.regressed()) {
                forward(record, raised(record, before, next.getCurrent(), comparison));
                next.setRaised(true).setPinnedBaseline(before);
            }
        }
        watches.put(record.key(), next.build());
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

    private void forward(FixedKeyRecord<String, ModelWindow> record, RegressionAlert alert) {
        context.forward(record.withValue(alert));
    }

    private RegressionAlert.Builder alert(FixedKeyRecord<String, ModelWindow> record, RegressionState state,
                                          ModelWindow baseline, ModelWindow current) {
        return RegressionAlert.newBuilder()
                .setModel(record.key())
                .setState(state)
                .setAtMs(record.timestamp())
                .setWindowSizeMs(current.getSizeMs())
                .setBaselineStartMs(baseline.getStartMs())
                .setCurrentStartMs(current.getStartMs())
                .setBaselineModel(baseline.getModel().equals(record.key()) ? "" : baseline.getModel());
    }

    private RegressionAlert cleared(FixedKeyRecord<String, ModelWindow> record, ModelWindow baseline, ModelWindow current) {
        return alert(record, RegressionState.REGRESSION_CLEARED, baseline, current).build();
    }

    private RegressionAlert raised(FixedKeyRecord<String, ModelWindow> record, ModelWindow baseline, ModelWindow current,
                                   RegressionRule.Comparison comparison) {
        RegressionAlert.Builder alert = alert(record, RegressionState.REGRESSION_RAISED, baseline, current)
                .addAllFindings(comparison.findings());
        Scorecard before = Scorecard.of(baseline.getTally(), bootstrap);
        Scorecard now = Scorecard.of(current.getTally(), bootstrap);
        Interval rhAuc = Mover.difference(now.rhAuc(), now.rhAucCi(), before.rhAuc(), before.rhAucCi());
        if (rhAuc != null) {
            alert.setRhAucDifference(now.rhAuc() - before.rhAuc()).setRhAucDifferenceCi(proto(rhAuc));
        }
        Interval raw = Mover.difference(now.rhAucRaw(), now.rhAucRawCi(), before.rhAucRaw(), before.rhAucRawCi());
        if (raw != null) {
            alert.setRhAucRawDifference(now.rhAucRaw() - before.rhAucRaw()).setRhAucRawDifferenceCi(proto(raw));
        }
        return alert.build();
    }

    private static io.rhwatch.proto.v1.Interval proto(Interval interval) {
        return io.rhwatch.proto.v1.Interval.newBuilder().setLow(interval.low()).setHigh(interval.high()).build();
    }
}
