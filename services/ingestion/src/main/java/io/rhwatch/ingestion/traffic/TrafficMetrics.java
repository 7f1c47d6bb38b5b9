package io.rhwatch.ingestion.traffic;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The meters {@code rhwatch_traffic_*}, per model: counters of what came in and what it became, and gauges of what
 * active probing costs. Every
 * record read is routed (it became a sample, a passive response or both), unrouted (with a reason, e.g. over the probe
 * cap) or dead-lettered (rhwatch_dead_letters_total{topic="rh.traffic"}); nothing else happens to one.
 */
final class TrafficMetrics {

    /** Why a record became nothing; the tag values of {@code rhwatch_traffic_unrouted}. */
    enum Unrouted {
        /** Active only, and the request was not in the sample. */
        NOT_SAMPLED,
        /** Sampled, but the model's probes/s cap was reached: skipped, not queued. */
        OVER_CAP,
        /** Passive only, and the record carries no served output or no observed reasoning length. */
        NOT_SERVED,
        /** Passive only, and the observed reasoning length is beyond the last bucket edge. */
        BEYOND_BUCKETS;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final int generationsPerSample;
    private final int rateWindowSeconds;
    private final LongSupplier nanos;
    private final Map<String, ModelCounts> models = new ConcurrentHashMap<>();

    TrafficMetrics(MeterRegistry registry, int generationsPerSample, int rateWindowSeconds, LongSupplier nanos) {
        this.registry = registry;
        this.generationsPerSample = generationsPerSample;
        this.rateWindowSeconds = rateWindowSeconds;
        this.nanos = nanos;
    }

    ModelCounts of(String model) {
        return models.computeIfAbsent(model, this::register);
    }

    private ModelCounts register(String model) {
        ModelCounts counts = new ModelCounts(new RateWindow(rateWindowSeconds), nanos);
        Tags tags = Tags.of("model", model);
        // not rhwatch.traffic.records: that is POST /v1/traffic's counter of what it accepted
        counter("rhwatch.traffic.read", "Traffic records read from rh.traffic", tags, counts.records);
        counter("rhwatch.traffic.routed", "Traffic records that became a sample, a passive response or both", tags, counts.routed);
        counter("rhwatch.traffic.sampled", "Traffic records sent to rh.samples for active probing", tags, counts.sampled);
        counter("rhwatch.traffic.skipped.over.cap", "Sampled traffic records skipped as the model's probes/s cap was reached",
                tags, counts.overCap);
        counter("rhwatch.traffic.passive.responses", "What the model served, written to rh.responses (no GPU)", tags, counts.passive);
        for (Unrouted reason : Unrouted.values()) {
            counter("rhwatch.traffic.unrouted", "Traffic records that became nothing, by reason", tags.and("reason", reason.tag()),
                    counts.unrouted.get(reason));
        }
        Gauge.builder("rhwatch.traffic.probes.per.second", counts, ModelCounts::probesPerSecond)
                .description("Probes sent per second for the model's traffic, over the last rate window")
                .tags(tags).strongReference(true).register(registry);
        Gauge.builder("rhwatch.traffic.generations.per.request", counts, c -> c.generationsPerRequest(generationsPerSample))
                .description("GPU cost: generations spent per traffic record (sampled x probes per sample x (1 + levels) / records)")
                .tags(tags).strongReference(true).register(registry);
        return counts;
    }

    /** A running count, exported as a Prometheus counter ({@code _total}) so that rate() survives a restart's reset. */
    private void counter(String name, String description, Tags tags, AtomicLong value) {
        FunctionCounter.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
    }

    /** One model's counts. */
    static final class ModelCounts {

        final AtomicLong records = new AtomicLong();
        final AtomicLong routed = new AtomicLong();
        final AtomicLong sampled = new AtomicLong();
        final AtomicLong overCap = new AtomicLong();
        final AtomicLong passive = new AtomicLong();
        final Map<Unrouted, AtomicLong> unrouted = new java.util.EnumMap<>(Unrouted.class);
        private final RateWindow probes;
        private final LongSupplier nanos;

        private ModelCounts(RateWindow probes, LongSupplier nanos) {
            this.probes = probes;
            this.nanos = nanos;
            for (Unrouted reason : Unrouted.values()) {
                unrouted.put(reason, new AtomicLong());
            }
        }

        void probesSent(int count) {
            probes.add(count, nanos.getAsLong());
        }

        double probesPerSecond() {
            return probes.perSecond(nanos.getAsLong());
        }

        double generationsPerRequest(int generationsPerSample) {
            long in = records.get();
            return in == 0 ? 0 : (double) sampled.get() * generationsPerSample / in;
        }
    }
}
