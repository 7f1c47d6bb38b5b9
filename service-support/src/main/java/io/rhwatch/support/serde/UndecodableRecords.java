package io.rhwatch.support.serde;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Dead-letters a record whose key or value its channel's deserializer cannot read, instead of failing the channel.
 * Configured per incoming channel:
 * <pre>
 * mp.messaging.incoming.X.value-deserialization-failure-handler=dead-letter-undecodable
 * mp.messaging.incoming.X.failure-strategy=dead-letter-queue
 * </pre>
 * Returning null leaves SmallRye's mark (the deserialization-failure-dlq header) on the record, and with the
 * dead-letter-queue strategy its Kafka source sends it straight to the dead-letter topic, with the deserializer's message
 * ({@code value: not a rhwatch.v1.Probe …}) as dead-letter-reason and the bytes in the deserialization-failure-value-data
 * header (the dead letter's own value is null). The record never reaches the application, nor its incoming interceptor,
 * so it is counted here: rhwatch_dead_letters_total{topic, reason="value"} (or "key").
 */
@ApplicationScoped
@Identifier(UndecodableRecords.NAME)
public class UndecodableRecords implements DeserializationFailureHandler<Object> {

    public static final String NAME = "dead-letter-undecodable";

    private static final Logger LOG = Logger.getLogger(UndecodableRecords.class);

    private final MeterRegistry registry;

    UndecodableRecords(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
                                               Exception exception, Headers headers) {
        String part = isKey ? "key" : "value";
        LOG.warnf("%s record dead-lettered: its %s cannot be read: %s", topic, part, exception.getMessage());
        if (headers != null) {
            // SmallRye puts the bytes in two headers, the second for old readers: one copy of an image-sized record is enough.
            headers.remove(DESERIALIZATION_FAILURE_DATA);
        }
        registry.counter("rhwatch.dead.letters", "topic", topic, "reason", part).increment();
        return null;
    }
}
