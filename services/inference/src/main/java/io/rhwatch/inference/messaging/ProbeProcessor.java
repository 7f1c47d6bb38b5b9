package io.rhwatch.inference.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rhwatch.inference.client.ContractCheck;
import io.rhwatch.inference.client.ServerAvailability;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.service.ProbeService;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.support.messaging.DeadLetters;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.rhwatch.triton.TritonCallException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * rh.probes → rh.responses. Up to max-in-flight probes are worked on at once (merge requests no more
 * probes than that, so the consumer pauses instead of buffering). A probe is acknowledged only once the
 * broker has acknowledged every one of its Responses; a probe that fails is nacked and so goes, with
 * the reason, to rh.dlq.inference while the stream goes on (a record that is no Probe at all never gets here:
 * {@link io.rhwatch.support.serde.UndecodableRecords} dead-letters it). A Triton outage is no probe's fault: while
 * Triton is not ready the channel is paused, and the probes it caught wait and are answered once it is back.
 */
@ApplicationScoped
public class ProbeProcessor {

    private static final Logger LOG = Logger.getLogger(ProbeProcessor.class);
    static final String MAX_AGE_PROPERTY = "mp.messaging.incoming." + Channels.PROBES + ".throttled.unprocessed-record-max-age.ms";

    private final ProbeService probes;
    private final ContractCheck contracts;
    private final ChannelRegistry channels;
    private final int maxInFlight;
    private final Duration breakerPause;
    private final Counter responded;
    private final Counter deadLettered;

    ProbeProcessor(ProbeService probes, ContractCheck contracts, ChannelRegistry channels, InferenceConfig config,
                   MeterRegistry metrics, @ConfigProperty(name = MAX_AGE_PROPERTY, defaultValue = "60000") long maxAgeMs) {
        checkFitsCommitWatchdog(config.callDeadline(), config.retry().maxRetries(), config.retry().maxBackoff(),
                Duration.ofMillis(maxAgeMs));
        this.probes = probes;
        this.contracts = contracts;
        this.channels = channels;
        this.maxInFlight = config.maxInFlight();
        this.breakerPause = config.circuitBreaker().openFor();
        this.responded = metrics.counter("rhwatch.inference.probes", "outcome", "responded");
        this.deadLettered = metrics.counter("rhwatch.inference.probes", "outcome", "dead_lettered");
    }

    /**
     * The longest one probe can take while Triton keeps failing transiently: the thinking, then the answers (side by
     * side), each using every attempt up to its deadline with the longest backoff between attempts.
     */
    static Duration worstCaseProbe(Duration callDeadline, int maxRetries, Duration maxBackoff) {
        Duration call = callDeadline.multipliedBy(maxRetries + 1L).plus(maxBackoff.multipliedBy(maxRetries));
        return call.multipliedBy(2);
    }

    /** The throttled commit strategy fails the channel when a record stays unprocessed longer than its max age. */
    static void checkFitsCommitWatchdog(Duration callDeadline, int maxRetries, Duration maxBackoff, Duration maxAge) {
        Duration worstCase = worstCaseProbe(callDeadline, maxRetries, maxBackoff);
        if (worstCase.compareTo(maxAge) >= 0) {
            throw new IllegalArgumentException("a probe may take up to " + worstCase.toSeconds() + " s (2 generations x "
                    + (maxRetries + 1) + " attempts x rhwatch.inference.call-deadline=" + callDeadline.toSeconds()
                    + " s, plus " + maxRetries + " x rhwatch.inference.retry.max-backoff=" + maxBackoff.toMillis()
                    + " ms), which must stay below " + MAX_AGE_PROPERTY + "=" + maxAge.toMillis()
                    + " ms; lower the deadline or the retries, or raise the max age");
        }
    }

    @Incoming(Channels.PROBES)
    @Outgoing(Channels.RESPONSES)
    public Multi<Message<Response>> respond(Multi<Message<Probe>> probeRecords) {
        return probeRecords.onItem().transformToMulti(this::respondTo).merge(maxInFlight);
    }

    /** Never fails: a failure nacks the probe record and yields no responses, so the stream goes on. */
    private Multi<Message<Response>> respondTo(Message<Probe> probeRecord) {
        return subscribedWithin(traceOf(probeRecord), Uni.createFrom().deferred(() ->
                        respondOnceTritonIsUp(RecordRejectedException.requireValue(probeRecord.getPayload(), Probe.class))))
                .onItem().transformToMulti(responses -> acknowledgedTogether(probeRecord, responses))
                .onFailure().recoverWithMulti(failure -> {
                    LOG.warnf("probe %s sent to the dead-letter topic: %s", probeIdOf(probeRecord), failure.getMessage());
                    deadLettered.increment();
                    return DeadLetters.nack(probeRecord, failure)
                            .onItem().transformToMulti(done -> Multi.createFrom().<Message<Response>>empty());
                });
    }

    /**
     * A call that failed for good is retried once Triton is back if Triton turns out not to be ready, and after the
     * breaker's pause if the model's circuit breaker refused it (the model is failing, not the probe). Otherwise the
     * failure is this probe's own (e.g. Triton rejected the request) and stands.
     */
    private Uni<List<Response>> respondOnceTritonIsUp(Probe probe) {
        return probes.respond(probe).onFailure(TritonCallException.class).retry().when(failures -> failures
                .onItem().transformToUniAndConcatenate(failure -> contracts.recheckServer().chain(ready -> {
                    // a retry signal must be an item: Void's null would be skipped and the probe never retried
                    if (!ready) {
                        LOG.infof("probe %s waits for Triton: %s", probe.getProbeId(), contracts.server());
                        return contracts.awaitServerReady().replaceWith(failure);
                    }
                    if (failure instanceof TritonCallException call && call.circuitOpen()) {
                        return Uni.createFrom().item(failure).onItem().delayIt().by(breakerPause);
                    }
                    return Uni.createFrom().failure(failure);
                })));
    }

    /** Stops taking probes while Triton is not ready, so that they wait on the topic rather than fail. */
    void onServerAvailability(@Observes ServerAvailability availability) {
        PausableChannel channel = channels.getPausable(Channels.PROBES);
        if (channel == null) {
            LOG.errorf("channel %s is not pausable (mp.messaging.incoming.%s.pausable=true)", Channels.PROBES, Channels.PROBES);
        } else if (availability.ready()) {
            LOG.infof("Triton is ready: taking probes again");
            channel.resume();
        } else {
            LOG.warnf("Triton is not ready, probes paused until it is: %s", availability.detail());
            channel.pause();
        }
    }

    /** The trace the probe record continues (its consumer span), or none when tracing is off. */
    private static Context traceOf(Message<Probe> probeRecord) {
        return TracingMetadata.fromMessage(probeRecord).map(TracingMetadata::getCurrentContext).orElse(Context.current());
    }

    /** Subscribes with {@code trace} current, so that the Triton call the subscription starts joins the probe's trace. */
    private static <T> Uni<T> subscribedWithin(Context trace, Uni<T> uni) {
        return Uni.createFrom().emitter(emitter -> {
            try (Scope ignored = trace.makeCurrent()) {
                emitter.onTermination(uni.subscribe().with(emitter::complete, emitter::fail)::cancel);
            }
        });
    }

    /** The probe's id; for a record without a value, its key (the sample's id) and offset. */
    private static String probeIdOf(Message<Probe> record) {
        if (record.getPayload() != null) {
            return record.getPayload().getProbeId();
        }
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> "(no value; key " + kafka.getKey() + ", offset " + kafka.getOffset() + ")").orElse("(no value)");
    }

    /** The probe record is acked when the broker acked all its responses, nacked on the first that failed. */
    private Multi<Message<Response>> acknowledgedTogether(Message<Probe> probeRecord, List<Response> responses) {
        AtomicInteger unacknowledged = new AtomicInteger(responses.size());
        AtomicBoolean failed = new AtomicBoolean();
        // A response continues the probe's trace; with tracing off there is no tracing metadata to carry.
        Metadata probeTrace = TracingMetadata.fromMessage(probeRecord).map(Metadata::of).orElse(Metadata.empty());
        return Multi.createFrom().iterable(responses).map(response -> Message.of(
                response,
                probeTrace.with(OutgoingKafkaRecordMetadata.<String>builder().withKey(response.getProbeId()).build()),
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
