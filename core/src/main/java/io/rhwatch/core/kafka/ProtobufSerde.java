package io.rhwatch.core.kafka;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde for one generated protobuf message type, in protobuf binary encoding (Kafka Streams takes serdes). */
public final class ProtobufSerde<T extends MessageLite> implements Serde<T> {

    private final Serializer<T> serializer = new ProtobufSerializer<>();
    private final Deserializer<T> deserializer;

    public ProtobufSerde(Parser<T> parser, Class<T> type) {
        this.deserializer = new ProtobufDeserializer<>(parser, type);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
