package io.rhwatch.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Per incoming record, from receipt to ack or nack: rhwatch_records_processing_seconds{topic, outcome}
 * (outcome processed or dead_lettered; its count is the records in, per topic) and
 * rhwatch_dead_letters_total{topic, reason}. The channel's failure strategy is dead-letter-queue, so
 * every nack is one record sent to the dead-letter topic. The reason is the field the failure names
 * ("value: not a valid …" gives "value"), or the exception's type when it names none: a short, bounded list.
 * <p>
 * It carries no {@code @Identifier}: SmallRye then applies it to every incoming connector channel that has no
 * interceptor of its own, which in each service is its one Kafka channel.
 */
@ApplicationScoped
public class IncomingRecordMetrics implements IncomingInterceptor {

    /** The topic tag of a record that did not come from Kafka (no such channel in the services today). */
    static final String UNKNOWN_TOPIC = "unknown";

    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.\\[\\]]{0,40}");

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
        String text = failure.getMessage() == null ? "" : failure.getMessage();
        int colon = text.indexOf(':');
        if (colon > 0 && FIELD.matcher(text.substring(0, colon)).matches()) {
            return text.substring(0, colon);
        }
        return failure.getClass().getSimpleName();
    }
}
