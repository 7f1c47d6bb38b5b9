package io.rhwatch.judge.messaging;

import io.rhwatch.judge.service.JudgingService;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.support.messaging.DeadLetters;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * rh.responses → rh.judgments, keyed by model. The judgment is the response record with a new payload, so it carries
 * the record's acknowledgement (acked only when the broker has acknowledged the judgment) and its trace; a response
 * that cannot be judged (a bad response, or a call to the LLM judge that still fails after its retries) is nacked to
 * rh.dlq.judge with the exception message as the reason, and the stream goes on. A record that is no
 * Response at all never gets here: {@link io.rhwatch.support.serde.UndecodableRecords} dead-letters it.
 */
@ApplicationScoped
public class ResponseJudge {

    private final JudgingService judging;

    ResponseJudge(JudgingService judging) {
        this.judging = judging;
    }

    /**
     * Never fails: a failed processor method would end the channel (its acknowledgement is manual), so a failure nacks
     * the record and forwards nothing.
     */
    @Incoming(Channels.RESPONSES)
    @Outgoing(Channels.JUDGMENTS)
    public Uni<Message<Judgment>> judge(Message<Response> record) {
        return Uni.createFrom().item(() -> RecordRejectedException.requireValue(record.getPayload(), Response.class))
                .chain(response -> judging.judge(response))
                .map(judgment -> record.withPayload(judgment)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(judgment.getModel()).build()))
                .onFailure().recoverWithUni(failure -> DeadLetters.nack(record, failure).replaceWith((Message<Judgment>) null));
    }
}
