package io.rhwatch.ingestion.messaging;

import io.opentelemetry.context.Context;
import io.rhwatch.proto.v1.TrafficRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes the traffic records {@code POST /v1/traffic} accepted to rh.traffic, keyed by request id. */
@ApplicationScoped
public class TrafficPublisher {

    private final MutinyEmitter<TrafficRecord> emitter;

    public TrafficPublisher(@Channel(Channels.POSTED_TRAFFIC) MutinyEmitter<TrafficRecord> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker acknowledged the write; fails with the broker's error otherwise. Lazy, as a Uni is. */
    public Uni<Void> publish(TrafficRecord record) {
        // the record continues the trace of the POST that brought it; Context.current() is taken now, on the request's thread
        return emitter.sendMessage(KafkaRecord.of(record.getRequestId(), record)
                .addMetadata(TracingMetadata.withCurrent(Context.current())));
    }
}
