package io.rhwatch.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.TimeUnit;

/**
 * Per incoming record, from receipt to ack or nack: rhwatch_records_processing_seconds{topic, outcome}
 * (outcome processed or dead_lettered; its count is the records in, per topic) and
 * rhwatch_dead_letters_total{topic, reason}. The channel's failure strategy is dead-letter-queue, so
 * every nack is one record sent to the dead-letter topic. The reason is the field of a {@link RecordRejectedException}
 * (the failure or one of its causes), or the exception's type for any other failure: a short, bounded list. Records
 * whose bytes cannot be read never get here; {@link io.rhwatch.support.serde.UndecodableRecords} counts them.
 * <p>
 * It carries no {@code @Identifier}: SmallRye then applies it to every incoming connector channel that has no
 * interceptor of its own, which in each service is its one Kafka channel.
 */
@ApplicationScoped
public class IncomingRecordMetrics implements IncomingInterceptor {

    /** The topic tag of a record that did not come from Kafka (no such channel in the services today). */
    static final String UNKNOWN_TOPIC = "unknown";

    /** When the record arrived, carried along with it. */
    record ReceivedAt(long nanos) {
    }

    private final MeterRegistry registry;

    IncomingRecordMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Message<?> afterMessageReceive(Message<?> message) {
        return message.addMetadata(new ReceivedAt(System.nanoTime()));
    }

    @Override
    public void onMessageAck(Message<?> message) {
        record(message, "processed");
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        record(message, "dead_lettered");
        registry.counter("rhwatch.dead.letters", "topic", topic(message), "reason", reason(failure)).increment();
    }

    private void record(Message<?> message, String outcome) {
        Timer timer = Timer.builder("rhwatch.records.processing")
                .description("Time from receiving an incoming record to its ack (processed) or nack (dead-lettered)")
                .tags("topic", topic(message), "outcome", outcome)
                .register(registry);
        message.getMetadata(ReceivedAt.class).ifPresent(received -> timer.record(System.nanoTime() - received.nanos(),
                TimeUnit.NANOSECONDS));
    }

    private static String topic(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic).orElse(UNKNOWN_TOPIC);
    }

    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordRejectedException rejected) {
                return rejected.field();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
