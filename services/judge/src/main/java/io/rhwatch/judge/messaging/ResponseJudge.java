package io.rhwatch.judge.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.judge.service.JudgingService;
import io.rhwatch.proto.v1.Response;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * rh.responses → rh.judgments. A payload processor, so the incoming record is acknowledged only
 * when the broker has acknowledged the judgment; a record that cannot be judged fails (a bad record,
 * or a call to the LLM judge that still fails after its retries), which nacks it to rh.dlq.judge with
 * the exception message as the reason, and the stream goes on.
 */
@ApplicationScoped
public class ResponseJudge {

    private final JudgingService judging;

    ResponseJudge(JudgingService judging) {
        this.judging = judging;
    }

    @Incoming(Channels.RESPONSES)
    @Outgoing(Channels.JUDGMENTS)
    public Uni<Record<String, byte[]>> judge(byte[] value) {
        return Uni.createFrom().item(() -> parse(value))
                .chain(judging::judge)
                .map(judgment -> Record.of(judgment.getModel(), judgment.toByteArray()));
    }

    private static Response parse(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value: empty record, expected a Response");
        }
        try {
            return Response.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("value: not a valid Response (" + e.getMessage() + ")", e);
        }
    }
}
