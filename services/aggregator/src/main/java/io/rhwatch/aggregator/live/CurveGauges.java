package io.rhwatch.aggregator.live;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.proto.v1.Curve;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each model's latest committed curve on rh.curves as gauges tagged by model (NaN while undefined):
 * rhwatch_model_rh_auc, rhwatch_model_rh_auc_raw and rhwatch_model_judged, the 95% interval bounds
 * rhwatch_model_rh_auc_ci_low/_high and rhwatch_model_rh_auc_raw_ci_low/_high, and RH-AUC's change
 * over the last hour, rhwatch_model_rh_auc_change_1h. Fed by {@link CurveFeed}, which replays the
 * topic on start, so the gauges survive a restart and never show a count the topology aborted.
 */
@ApplicationScoped
public class CurveGauges {

    private final MeterRegistry registry;
    private final RhAucHistory history;
    private final Map<String, Curve> latest = new ConcurrentHashMap<>();

    CurveGauges(MeterRegistry registry, RhAucHistory history) {
        this.registry = registry;
        this.history = history;
    }

    void record(Curve curve) {
        String model = curve.getModel();
        if (latest.put(model, curve) == null) {
            gauge("rhwatch.model.rh_auc", model, c -> c.hasRhAuc() ? c.getRhAuc() : Double.NaN);
            gauge("rhwatch.model.rh_auc_raw", model, c -> c.hasRhAucRaw() ? c.getRhAucRaw() : Double.NaN);
            gauge("rhwatch.model.judged", model, Curve::getJudged);
            gauge("rhwatch.model.rh_auc.ci.low", model, c -> c.hasRhAuc() && c.hasRhAucCi() ? c.getRhAucCi().getLow() : Double.NaN);
            gauge("rhwatch.model.rh_auc.ci.high", model, c -> c.hasRhAuc() && c.hasRhAucCi() ? c.getRhAucCi().getHigh() : Double.NaN);
            gauge("rhwatch.model.rh_auc_raw.ci.low", model, c -> c.hasRhAucRaw() && c.hasRhAucRawCi() ? c.getRhAucRawCi().getLow() : Double.NaN);
            gauge("rhwatch.model.rh_auc_raw.ci.high", model, c -> c.hasRhAucRaw() && c.hasRhAucRawCi() ? c.getRhAucRawCi().getHigh() : Double.NaN);
            Gauge.builder("rhwatch.model.rh_auc.change.1h", history, h -> orNaN(h.of(model, System.currentTimeMillis()).change()))
                    .description("RH-AUC now minus RH-AUC an hour ago (or the oldest value kept, if younger)")
                    .tag("model", model)
                    .register(registry);
        }
    }

    private void gauge(String name, String model, ToDoubleFunction<Curve> value) {
        Gauge.builder(name, latest, curves -> value.applyAsDouble(curves.get(model)))
                .tag("model", model)
                .register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
