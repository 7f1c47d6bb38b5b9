package io.rhwatch.core.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of one generated protobuf message type. A record without a value (a tombstone) gives null, as Kafka's
 * own deserializers do; bytes that are not the type fail with a message that starts with the field, {@code value: …}, the
 * convention of every dead-letter reason.
 */
public class ProtobufDeserializer<T extends MessageLite> implements Deserializer<T> {

    private final Parser<T> parser;
    private final String typeName;

    public ProtobufDeserializer(Parser<T> parser, Class<T> type) {
        this.parser = parser;
        this.typeName = type.getSimpleName();
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SerializationException("value: not a rhwatch.v1." + typeName + " (record on " + topic + "): "
                    + e.getMessage(), e);
        }
    }
}
