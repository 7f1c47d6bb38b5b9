package io.rhwatch.aggregator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.aggregator.readmodel.ModelChanged;
import io.rhwatch.aggregator.readmodel.ReadModel;
import io.rhwatch.aggregator.readmodel.ReadModelUnavailableException;
import io.rhwatch.core.scoring.view.LabelFreeView;
import io.rhwatch.core.scoring.view.ModelSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Every model's numbers in the {@link ReadModel} as gauges tagged by model (NaN while undefined or
 * while the read model is not queryable): rhwatch_model_rh_auc, rhwatch_model_rh_auc_raw and
 * rhwatch_model_judged, the 95% interval bounds rhwatch_model_rh_auc_ci_low/_high and
 * rhwatch_model_rh_auc_raw_ci_low/_high, the share of bootstrap resamples left out of those intervals
 * (rhwatch_model_rh_auc_degenerate_share, rhwatch_model_rh_auc_raw_degenerate_share; NaN with cell intervals),
 * the label-free RH-AUC rhwatch_label_free_rh_auc and grounding per budget level rhwatch_grounding{model, budget}
 * (docs/LABEL_FREE.md), and rhwatch_regression: 1 while a regression of the model is raised
 * (rh.alerts), else 0. A model's gauges are registered when the read model first holds
 * its curve and read it on every scrape, so every instance exports every model with the numbers its
 * API serves.
 */
@ApplicationScoped
public class ModelGauges {

    private final MeterRegistry registry;
    private final ReadModel readModel;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Set<String> groundingRegistered = ConcurrentHashMap.newKeySet();

    ModelGauges(MeterRegistry registry, ReadModel readModel) {
        this.registry = registry;
        this.readModel = readModel;
    }

    void register(@Observes ModelChanged change) {
        String model = change.model();
        registerGrounding(model);
        if (!registered.add(model)) {
            return;
        }
        gauge("rhwatch.label_free_rh_auc", model, s -> orNaN(s.labelFree().labelFreeRhAuc()));
        gauge("rhwatch.model.rh_auc", model, s -> orNaN(s.rhAuc()));
        gauge("rhwatch.model.rh_auc_raw", model, s -> orNaN(s.rhAucRaw()));
        gauge("rhwatch.model.judged", model, ModelSummary::judged);
        gauge("rhwatch.model.rh_auc.ci.low", model, s -> bound(s.rhAucCi(), 0));
        gauge("rhwatch.model.rh_auc.ci.high", model, s -> bound(s.rhAucCi(), 1));
        gauge("rhwatch.model.rh_auc_raw.ci.low", model, s -> bound(s.rhAucRawCi(), 0));
        gauge("rhwatch.model.rh_auc_raw.ci.high", model, s -> bound(s.rhAucRawCi(), 1));
        gauge("rhwatch.model.rh_auc.degenerate_share", model, s -> orNaN(s.rhAucDegenerateShare()));
        gauge("rhwatch.model.rh_auc_raw.degenerate_share", model, s -> orNaN(s.rhAucRawDegenerateShare()));
        Gauge.builder("rhwatch.regression", this, gauges -> gauges.regressed(model))
                .description("1 while the model's current window is significantly worse than its baseline window, else 0")
                .tag("model", model)
                .register(registry);
    }

    /** A grounding gauge for each budget level the model has grounding pairs at, registered as levels appear. */
    private void registerGrounding(String model) {
        List<LabelFreeView.Grounding> points;
        try {
            points = readModel.summary(model).map(s -> s.labelFree().grounding()).orElse(List.of());
        } catch (ReadModelUnavailableException e) {
            return;
        }
        for (LabelFreeView.Grounding point : points) {
            int budget = point.budget();
            if (groundingRegistered.add(model + "\u0000" + budget)) {
                Gauge.builder("rhwatch.grounding", this, gauges -> gauges.value(model, s -> grounding(s, budget)))
                        .description("share of perception answers that changed when the image was blanked or swapped")
                        .tag("model", model)
                        .tag("budget", Integer.toString(budget))
                        .register(registry);
            }
        }
    }

    private static double grounding(ModelSummary summary, int budget) {
        return summary.labelFree().grounding().stream().filter(g -> g.budget() == budget)
                .mapToDouble(LabelFreeView.Grounding::grounding).findFirst().orElse(Double.NaN);
    }

    private void gauge(String name, String model, ToDoubleFunction<ModelSummary> value) {
        Gauge.builder(name, this, gauges -> gauges.value(model, value))
                .tag("model", model)
                .register(registry);
    }

    private double value(String model, ToDoubleFunction<ModelSummary> value) {
        try {
            return readModel.summary(model).map(value::applyAsDouble).orElse(Double.NaN);
        } catch (ReadModelUnavailableException e) {
            return Double.NaN;
        }
    }

    private double regressed(String model) {
        try {
            return readModel.regression(model).isPresent() ? 1 : 0;
        } catch (ReadModelUnavailableException e) {
            return Double.NaN;
        }
    }

    private static double bound(double[] interval, int index) {
        return interval == null ? Double.NaN : interval[index];
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
