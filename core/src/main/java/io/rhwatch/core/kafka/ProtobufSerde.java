package io.rhwatch.core.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for one generated protobuf message type, in protobuf binary encoding. */
public final class ProtobufSerde<T extends MessageLite> implements Serde<T> {

    private final Parser<T> parser;
    private final String typeName;

    public ProtobufSerde(Parser<T> parser, Class<T> type) {
        this.parser = parser;
        this.typeName = type.getSimpleName();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : value.toByteArray();
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return parser.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw new SerializationException("record on " + topic + " is not a valid " + typeName + ": " + e.getMessage(), e);
            }
        };
    }
}
