package io.rhwatch.aggregator.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.proto.v1.Curve;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each model's latest curve as Prometheus gauges: rhwatch_model_rh_auc, rhwatch_model_rh_auc_raw
 * (NaN while undefined) and rhwatch_model_judged, tagged by model. Fed by the topology, so a
 * model appears once its first judgment after start-up is counted.
 */
@ApplicationScoped
public class CurveMetrics {

    private final MeterRegistry registry;
    private final Map<String, Curve> latest = new ConcurrentHashMap<>();

    public CurveMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String model, Curve curve) {
        if (latest.put(model, curve) == null) {
            gauge("rhwatch.model.rh_auc", model, c -> c.hasRhAuc() ? c.getRhAuc() : Double.NaN);
            gauge("rhwatch.model.rh_auc_raw", model, c -> c.hasRhAucRaw() ? c.getRhAucRaw() : Double.NaN);
            gauge("rhwatch.model.judged", model, Curve::getJudged);
        }
    }

    private void gauge(String name, String model, ToDoubleFunction<Curve> value) {
        Gauge.builder(name, latest, curves -> value.applyAsDouble(curves.get(model)))
                .tag("model", model)
                .register(registry);
    }
}
