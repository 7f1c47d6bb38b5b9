package io.rhwatch.ingestion.traffic;

import io.rhwatch.ingestion.messaging.Channels;
import io.rhwatch.ingestion.messaging.SamplePublisher;
import io.rhwatch.support.messaging.DeadLetters;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.rhwatch.proto.v1.TrafficRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * rh.traffic → rh.samples (active probing) and rh.responses (passive monitoring). A record is acknowledged once the
 * broker acknowledged what it became, or at once when it became nothing (counted by reason); a record that cannot be
 * routed is nacked and so dead-lettered to rh.dlq.ingestion with the reason, and the stream goes on (a record that is no
 * TrafficRecord at all never gets here: {@link io.rhwatch.support.serde.UndecodableRecords} dead-letters it). A record of a model
 * monitored both ways whose image cannot be probed still gives its passive response, and is then dead-lettered.
 */
@ApplicationScoped
public class TrafficConsumer {

    private static final Logger LOG = Logger.getLogger(TrafficConsumer.class);

    private final TrafficReader reader;
    private final TrafficRouter router;
    private final SamplePublisher samples;
    private final PassiveResponsePublisher responses;

    public TrafficConsumer(TrafficReader reader, TrafficRouter router, SamplePublisher samples, PassiveResponsePublisher responses) {
        this.reader = reader;
        this.router = router;
        this.samples = samples;
        this.responses = responses;
    }

    /** Blocking (a sampled record's image is decoded) and unordered: records of a flood are routed side by side. */
    @Incoming(Channels.TRAFFIC)
    @Blocking(ordered = false)
    public Uni<Void> consume(Message<TrafficRecord> message) {
        TrafficRouter.Route route;
        try {
            route = router.route(reader.read(message.getPayload()));
        } catch (RecordRejectedException e) {
            LOG.warnf("rh.traffic record dead-lettered: %s", e.getMessage());
            return DeadLetters.nack(message, e);
        } catch (RuntimeException e) {
            return DeadLetters.nack(message, e);
        }
        List<Uni<Void>> writes = new ArrayList<>(2);
        route.sample().ifPresent(sample -> writes.add(samples.publish(sample)));
        route.passive().ifPresent(response -> writes.add(responses.publish(response, message)));
        Uni<Void> written = writes.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(writes).andFailFast().replaceWithVoid();
        return written.onItemOrFailure().transformToUni((ok, failure) -> {
            if (failure != null) {
                return DeadLetters.nack(message, failure);
            }
            if (route.activeRefused().isPresent()) {
                LOG.warnf("rh.traffic record dead-lettered after its passive response was written: %s",
                        route.activeRefused().get().getMessage());
                return DeadLetters.nack(message, route.activeRefused().get());
            }
            return Uni.createFrom().completionStage(message.ack());
        });
    }
}
