package io.rhwatch.corruption.messaging;

import io.rhwatch.corruption.service.ProbeFactory;
import io.rhwatch.corruption.service.SampleReader;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.support.messaging.DeadLetters;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * rh.samples → rh.probes. A sample is acknowledged only once the broker acknowledged all its probes; a sample
 * that cannot become probes is nacked and so dead-lettered to rh.dlq.corruption with the reason (a record that is no
 * Sample at all is dead-lettered before it gets here, by {@link io.rhwatch.support.serde.UndecodableRecords}). No sample
 * waits for another: random_image's donors are fixed at start-up ({@link io.rhwatch.corruption.service.DonorPool}).
 */
@ApplicationScoped
public class SampleConsumer {

    private static final Logger LOG = Logger.getLogger(SampleConsumer.class);

    private final SampleReader reader;
    private final ProbeFactory factory;
    private final ProbePublisher publisher;

    public SampleConsumer(SampleReader reader, ProbeFactory factory, ProbePublisher publisher) {
        this.reader = reader;
        this.factory = factory;
        this.publisher = publisher;
    }

    /** Blocking (drawing blank images takes CPU) and ordered. Sends the probes, then acks the sample; never fails itself. */
    @Incoming(Channels.SAMPLES)
    @Blocking
    public Uni<Void> consume(Message<Sample> message) {
        Uni<Void> sent;
        try {
            sent = publisher.publishAll(factory.probes(reader.read(message.getPayload())), message);
        } catch (RecordRejectedException e) {
            LOG.warnf("rh.samples record dead-lettered: %s", e.getMessage());
            return DeadLetters.nack(message, e);
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        return sent.onItemOrFailure().transformToUni((ok, failure) -> failure == null
                ? Uni.createFrom().completionStage(message.ack())
                : DeadLetters.nack(message, failure));
    }
}
