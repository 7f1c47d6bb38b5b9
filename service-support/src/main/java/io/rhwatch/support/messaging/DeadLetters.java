package io.rhwatch.support.messaging;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Dead-lettering an incoming record: its channel's failure strategy (dead-letter-queue) writes a nacked record there. */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /**
     * Nacks the record with the reason, and never fails: a failure returned by a method that acknowledges its records
     * itself would end the channel. When the dead-letter write fails, the record stays uncommitted (the throttled
     * commit strategy holds its offset, and the channel's health reports it once it is too old) and the stream goes on.
     */
    public static Uni<Void> nack(Message<?> record, Throwable reason) {
        return Uni.createFrom().completionStage(() -> record.nack(reason))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "a record could not be written to the dead-letter topic (it was refused: %s)",
                            reason.getMessage());
                    return null;
                });
    }
}
