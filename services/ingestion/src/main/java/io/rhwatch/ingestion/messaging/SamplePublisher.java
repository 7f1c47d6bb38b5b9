package io.rhwatch.ingestion.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.rhwatch.proto.v1.Sample;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes samples to rh.samples, keyed by sample id. */
@ApplicationScoped
public class SamplePublisher {

    private final MutinyEmitter<Sample> emitter;
    private final Counter published;

    public SamplePublisher(@Channel(Channels.SAMPLES) MutinyEmitter<Sample> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.published = Counter.builder("rhwatch.ingestion.samples.published")
                .description("Samples the broker acknowledged on rh.samples")
                .register(registry);
    }

    /** Completes once the broker acknowledged the write; fails with the broker's error otherwise. Lazy: nothing is sent until subscribed. */
    public Uni<Void> publish(Sample sample) {
        // The record continues the caller's trace (the POST that brought the sample), taken now, on the request's thread.
        return emitter.sendMessage(KafkaRecord.of(sample.getSampleId(), sample)
                        .addMetadata(TracingMetadata.withCurrent(Context.current())))
                .invoke(() -> published.increment());
    }
}
