package io.rhwatch.aggregator.live;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.Interval;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CurveGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CurveGauges gauges = new CurveGauges(registry, new RhAucHistory(5, Duration.ofMinutes(1), 0.02));

    @Test
    void everyCurveGaugeShowsTheModelsLatestCurve() {
        gauges.record(Curve.newBuilder().setModel("a").setJudged(100).setRhAuc(0.5).build());
        gauges.record(Curve.newBuilder().setModel("a").setJudged(122).setRhAuc(0.375)
                .setRhAucCi(Interval.newBuilder().setLow(0.25).setHigh(0.5)).setRhAucRaw(0.5375).build());
        gauges.record(Curve.newBuilder().setModel("b").setJudged(7).build());

        assertThat(gauge("rhwatch.model.rh_auc", "a")).isEqualTo(0.375);
        assertThat(gauge("rhwatch.model.rh_auc_raw", "a")).isEqualTo(0.5375);
        assertThat(gauge("rhwatch.model.judged", "a")).isEqualTo(122);
        assertThat(gauge("rhwatch.model.rh_auc.ci.low", "a")).isEqualTo(0.25);
        assertThat(gauge("rhwatch.model.rh_auc.ci.high", "a")).isEqualTo(0.5);
        assertThat(gauge("rhwatch.model.rh_auc_raw.ci.low", "a")).isNaN();
        assertThat(gauge("rhwatch.model.rh_auc", "b")).isNaN();
        assertThat(gauge("rhwatch.model.rh_auc_raw", "b")).isNaN();
        assertThat(gauge("rhwatch.model.judged", "b")).isEqualTo(7);
    }

    private double gauge(String name, String model) {
        return registry.get(name).tag("model", model).gauge().value();
    }
}
