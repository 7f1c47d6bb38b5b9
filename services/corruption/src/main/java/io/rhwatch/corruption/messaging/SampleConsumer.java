package io.rhwatch.corruption.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.corruption.config.ProbePlan;
import io.rhwatch.corruption.service.DonorPool;
import io.rhwatch.corruption.service.ProbeFactory;
import io.rhwatch.corruption.service.SampleReader;
import io.rhwatch.proto.v1.Sample;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * rh.samples → rh.probes. A sample is acknowledged only once the broker acknowledged all its probes; a record
 * that cannot become probes is nacked and so dead-lettered to rh.dlq.corruption with the reason.
 */
@ApplicationScoped
public class SampleConsumer {

    private static final Logger LOG = Logger.getLogger(SampleConsumer.class);

    private final SampleReader reader;
    private final ProbeFactory factory;
    private final ProbePublisher publisher;
    private final ProbePlan plan;
    private final DonorPool<Message<byte[]>> donors;

    public SampleConsumer(SampleReader reader, ProbeFactory factory, ProbePublisher publisher, ProbePlan plan,
                          CorruptionConfig config, MeterRegistry registry) {
        this.reader = reader;
        this.factory = factory;
        this.publisher = publisher;
        this.plan = plan;
        this.donors = new DonorPool<>(config.donorPoolSize());
        registry.gauge("rhwatch.corruption.samples.held", donors, DonorPool::held);
    }

    /**
     * Blocking (drawing blank images takes CPU) and ordered. A sample that waits for a random-image donor is
     * left unacknowledged and the returned Uni completes at once, so the next sample (its donor) can arrive;
     * the held one is finished, and acknowledged, together with that next sample.
     */
    @Incoming(Channels.SAMPLES)
    @Blocking
    public Uni<Void> consume(Message<byte[]> message) {
        Sample sample;
        try {
            sample = reader.read(message.getPayload());
        } catch (RuntimeException e) {
            LOG.warnf("rh.samples record dead-lettered: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(e));
        }
        List<DonorPool.Ready<Message<byte[]>>> ready = plan.needsDonors()
                ? donors.arrive(sample, message)
                : List.of(new DonorPool.Ready<>(sample, Optional.empty(), message));
        if (ready.isEmpty()) {
            LOG.infof("sample %s waits for another sample's image to stand in under random_image", sample.getSampleId());
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(ready.stream().map(this::emit).toList()).andCollectFailures().replaceWithVoid();
    }

    /** Sends the probes, then acks the sample; on failure nacks it (to the dead-letter topic). Never fails itself. */
    private Uni<Void> emit(DonorPool.Ready<Message<byte[]>> ready) {
        Message<byte[]> message = ready.token();
        Uni<Void> sent;
        try {
            sent = publisher.publishAll(factory.probes(ready.sample(), ready.donor()));
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        return sent.onItemOrFailure().transformToUni((ok, failure) -> failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : Uni.createFrom().completionStage(message.nack(failure)));
    }
}
