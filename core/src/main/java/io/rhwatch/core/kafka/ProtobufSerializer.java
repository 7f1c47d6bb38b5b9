package io.rhwatch.core.kafka;

import com.google.protobuf.MessageLite;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer of any generated protobuf message, in protobuf binary encoding; null stays null (a tombstone). */
public class ProtobufSerializer<T extends MessageLite> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T value) {
        return value == null ? null : value.toByteArray();
    }
}
