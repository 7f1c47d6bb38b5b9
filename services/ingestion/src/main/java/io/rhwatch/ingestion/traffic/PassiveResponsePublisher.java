package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.messaging.Channels;
import io.rhwatch.proto.v1.Response;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Optional;

/** Writes passive responses to rh.responses, keyed by probe id as the inference service writes its own. */
@ApplicationScoped
public class PassiveResponsePublisher {

    private final MutinyEmitter<Response> emitter;

    public PassiveResponsePublisher(@Channel(Channels.RESPONSES) MutinyEmitter<Response> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker acknowledged the write; the response continues the trace of its traffic record. */
    public Uni<Void> publish(Response response, Message<?> trafficRecord) {
        Optional<TracingMetadata> trace = TracingMetadata.fromMessage(trafficRecord);
        Message<Response> record = KafkaRecord.of(response.getProbeId(), response);
        return emitter.sendMessage(trace.map(record::addMetadata).orElse(record));
    }
}
