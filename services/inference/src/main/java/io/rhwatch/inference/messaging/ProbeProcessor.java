package io.rhwatch.inference.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.kafka.ProtobufSerde;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.service.ProbeService;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Response;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * rh.probes → rh.responses. Up to max-in-flight probes are worked on at once (merge requests no more
 * probes than that, so the consumer pauses instead of buffering). A probe is acknowledged only once the
 * broker has acknowledged every one of its Responses; a probe that fails is nacked and so goes, with
 * the reason, to rh.dlq.inference while the stream goes on.
 */
@ApplicationScoped
public class ProbeProcessor {

    private static final Logger LOG = Logger.getLogger(ProbeProcessor.class);
    private static final String TOPIC = "rh.probes";

    private final ProbeService probes;
    private final int maxInFlight;
    private final Deserializer<Probe> parser = new ProtobufSerde<>(Probe.parser(), Probe.class).deserializer();
    private final Counter responded;
    private final Counter deadLettered;

    ProbeProcessor(ProbeService probes, InferenceConfig config, MeterRegistry metrics) {
        if (config.maxInFlight() < 1) {
            throw new IllegalArgumentException("rhwatch.inference.max-in-flight must be >= 1, was " + config.maxInFlight());
        }
        this.probes = probes;
        this.maxInFlight = config.maxInFlight();
        this.responded = metrics.counter("rhwatch.inference.probes", "outcome", "responded");
        this.deadLettered = metrics.counter("rhwatch.inference.probes", "outcome", "dead_lettered");
    }

    @Incoming(Channels.PROBES)
    @Outgoing(Channels.RESPONSES)
    public Multi<Message<byte[]>> respond(Multi<Message<byte[]>> probeRecords) {
        return probeRecords.onItem().transformToMulti(this::respondTo).merge(maxInFlight);
    }

    /** Never fails: a failure nacks the probe record and yields no responses, so the stream goes on. */
    private Multi<Message<byte[]>> respondTo(Message<byte[]> probeRecord) {
        return Uni.createFrom().deferred(() -> probes.respond(parse(probeRecord.getPayload())))
                .onItem().transformToMulti(responses -> acknowledgedTogether(probeRecord, responses))
                .onFailure().recoverWithMulti(failure -> {
                    LOG.warnf("probe %s sent to the dead-letter topic: %s", keyOf(probeRecord), failure.getMessage());
                    deadLettered.increment();
                    return Uni.createFrom().completionStage(() -> probeRecord.nack(failure))
                            .onItem().transformToMulti(done -> Multi.createFrom().empty());
                });
    }

    private static Object keyOf(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey).orElse("(no key)");
    }

    private Probe parse(byte[] value) {
        Probe probe = parser.deserialize(TOPIC, value);
        if (probe == null) {
            throw new IllegalArgumentException("record on " + TOPIC + " has no value; expected a Probe");
        }
        return probe;
    }

    /** The probe record is acked when the broker acked all its responses, nacked on the first that failed. */
    private Multi<Message<byte[]>> acknowledgedTogether(Message<byte[]> probeRecord, List<Response> responses) {
        AtomicInteger unacknowledged = new AtomicInteger(responses.size());
        AtomicBoolean failed = new AtomicBoolean();
        return Multi.createFrom().iterable(responses).map(response -> Message.of(
                response.toByteArray(),
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(response.getProbeId()).build()),
                () -> {
                    if (unacknowledged.decrementAndGet() == 0 && !failed.get()) {
                        responded.increment();
                        return probeRecord.ack();
                    }
                    return done();
                },
                failure -> {
                    if (failed.compareAndSet(false, true)) {
                        LOG.warnf("probe %s sent to the dead-letter topic: a response could not be written: %s",
                                response.getProbeId(), failure.getMessage());
                        deadLettered.increment();
                        return probeRecord.nack(failure);
                    }
                    return done();
                }));
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
