package io.rhwatch.aggregator.regression;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.ModelWindow;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionBaselineKind;
import io.rhwatch.proto.v1.RegressionState;
import io.rhwatch.proto.v1.RegressionWatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One model's regression watch, one window update at a time, with no Kafka in it (the {@link RegressionDetector}
 * keeps its state in a store and forwards its alerts). The current window is compared with the previous window and
 * with the window before that, so a bad deploy in the middle of the previous window, which leaves it half bad, still
 * meets a clean baseline; with a pinned version, with that version's whole run alone. The growing current window is
 * looked at whenever its count has doubled since the last look (first as soon as some level has the minimum samples
 * on both sides), and once more, complete, when the next window starts; each look spends its {@link RegressionRule.Look}
 * share of the error rate, split between the baselines it compares with. Once raised, the baseline stays pinned to
 * the one the drop was found against, so a drop that persists stays raised, and the regression is cleared when a
 * complete window is no longer worse than that baseline (or than the pinned version). Reports only the changes: one
 * RAISED or CLEARED alert per change of state.
 */
public final class RegressionWatcher {

    private final RegressionRule rule;
    private final Bootstrap bootstrap;

    public RegressionWatcher(RegressionRule rule, Bootstrap bootstrap) {
        this.rule = rule;
        this.bootstrap = bootstrap;
    }

    /** A baseline window and what it is to the current window. */
    private record Baseline(ModelWindow window, RegressionBaselineKind kind) {
    }

    /**
     * The watch after {@code window}, an update of one of {@code model}'s windows, judged up to {@code atMs}.
     *
     * @param watch         the state so far, null for a model not seen yet
     * @param pinnedVersion the pinned version's whole run as a window, or null to compare with the model's own windows
     * @param alerts        receives the alerts this update raises or clears
     */
    public RegressionWatch update(RegressionWatch watch, String model, ModelWindow window, long atMs, ModelWindow pinnedVersion,
                                  Consumer<RegressionAlert> alerts) {
        RegressionWatch.Builder next = watch == null ? RegressionWatch.newBuilder() : watch.toBuilder();
        if (!next.hasCurrent() || window.getStartMs() > next.getCurrent().getStartMs()) {
            if (next.hasCurrent()) {
                finish(next, model, atMs, pinnedVersion, alerts);
            }
            next.setCurrent(window).setLooks(0).setNextLookJudged(0);
        } else if (window.getStartMs() == next.getCurrent().getStartMs()) {
            next.setCurrent(window);
        } else if (next.hasPrevious() && window.getStartMs() == next.getPrevious().getStartMs()) {
            // a late judgment of a baseline window: the baseline is better for it
            next.setPrevious(window);
        } else if (next.hasBeforePrevious() && window.getStartMs() == next.getBeforePrevious().getStartMs()) {
            next.setBeforePrevious(window);
        } else {
            return watch; // older than anything compared
        }
        if (!next.getRaised() && next.getCurrent().getTally().getJudged() >= next.getNextLookJudged()) {
            List<Baseline> baselines = baselines(next, pinnedVersion);
            if (!baselines.isEmpty()) {
                RegressionRule.Look look = RegressionRule.Look.growing(next.getLooks(), baselines.size());
                if (look(next, model, atMs, baselines, look, alerts)) {
                    // a look that compared nothing spent nothing
                    next.setLooks(next.getLooks() + 1).setNextLookJudged(2 * next.getCurrent().getTally().getJudged());
                }
            }
        }
        return next.build();
    }

    /** The current window is complete: its last look, then it becomes the previous window; a raised drop may clear. */
    private void finish(RegressionWatch.Builder next, String model, long atMs, ModelWindow pinnedVersion, Consumer<RegressionAlert> alerts) {
        ModelWindow finished = next.getCurrent();
        if (!next.getRaised()) {
            List<Baseline> baselines = baselines(next, pinnedVersion);
            if (!baselines.isEmpty()) {
                look(next, model, atMs, baselines, RegressionRule.Look.complete(baselines.size()), alerts);
            }
        }
        if (next.hasPrevious()) {
            next.setBeforePrevious(next.getPrevious());
        }
        next.setPrevious(finished);
        if (next.getRaised()) {
            Baseline against = pinnedVersion != null
                    ? new Baseline(pinnedVersion, RegressionBaselineKind.REGRESSION_BASELINE_PINNED_VERSION)
                    : new Baseline(next.getPinnedBaseline(), next.getPinnedBaselineKind());
            RegressionRule.Comparison verdict = rule.compare(against.window().getTally(), finished.getTally(), RegressionRule.Look.complete(1));
            if (verdict.compared() > 0 && !verdict.regressed()) {
                alerts.accept(alert(model, atMs, RegressionState.REGRESSION_CLEARED, against, finished).build());
                next.setRaised(false).clearPinnedBaseline().clearPinnedBaselineKind();
            }
        }
    }

    /**
     * Compares the current window with each baseline at {@code look}; raises against the baseline with the largest
     * drop when some regressed. True when some baseline had cells to compare.
     */
    private boolean look(RegressionWatch.Builder next, String model, long atMs, List<Baseline> baselines, RegressionRule.Look look,
                         Consumer<RegressionAlert> alerts) {
        ModelWindow current = next.getCurrent();
        boolean compared = false;
        Baseline worstAgainst = null;
        RegressionRule.Comparison worst = null;
        for (Baseline baseline : baselines) {
            RegressionRule.Comparison comparison = rule.compare(baseline.window().getTally(), current.getTally(), look);
            compared |= comparison.compared() > 0;
            if (comparison.regressed() && (worst == null || comparison.largestDrop() < worst.largestDrop())) {
                worst = comparison;
                worstAgainst = baseline;
            }
        }
        if (worst != null) {
            alerts.accept(raised(model, atMs, worstAgainst, current, worst));
            next.setRaised(true).setPinnedBaseline(worstAgainst.window()).setPinnedBaselineKind(worstAgainst.kind());
        }
        return compared;
    }

    /** The pinned version alone, or the previous window and the one before it, as far as they exist. */
    private static List<Baseline> baselines(RegressionWatch.Builder watch, ModelWindow pinnedVersion) {
        if (pinnedVersion != null) {
            return List.of(new Baseline(pinnedVersion, RegressionBaselineKind.REGRESSION_BASELINE_PINNED_VERSION));
        }
        List<Baseline> baselines = new ArrayList<>(2);
        if (watch.hasPrevious()) {
            baselines.add(new Baseline(watch.getPrevious(), RegressionBaselineKind.REGRESSION_BASELINE_PREVIOUS_WINDOW));
        }
        if (watch.hasBeforePrevious()) {
            baselines.add(new Baseline(watch.getBeforePrevious(), RegressionBaselineKind.REGRESSION_BASELINE_BEFORE_PREVIOUS_WINDOW));
        }
        return baselines;
    }

    private static RegressionAlert.Builder alert(String model, long atMs, RegressionState state, Baseline baseline, ModelWindow current) {
        return RegressionAlert.newBuilder()
                .setModel(model)
                .setState(state)
                .setAtMs(atMs)
                .setWindowSizeMs(current.getSizeMs())
                .setBaselineStartMs(baseline.window().getStartMs())
                .setCurrentStartMs(current.getStartMs())
                .setBaselineModel(baseline.window().getModel().equals(model) ? "" : baseline.window().getModel())
                .setBaselineKind(baseline.kind());
    }

    private RegressionAlert raised(String model, long atMs, Baseline baseline, ModelWindow current, RegressionRule.Comparison comparison) {
        RegressionAlert.Builder alert = alert(model, atMs, RegressionState.REGRESSION_RAISED, baseline, current)
                .addAllFindings(comparison.findings());
        Scorecard before = Scorecard.of(baseline.window().getTally(), bootstrap);
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
