package io.rhwatch.loadtests;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.cli.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records on a topic against the distinct ids they carry: {@link #duplicates()} is what at-least-once delivery
 * wrote twice (a consumer that crashed or lost its partitions before committing processes those records again).
 */
record TopicIds(String topic, long records, long distinct) {

    /** The id a record's value carries, e.g. {@code Judgment.parseFrom(value).getJudgmentId()}. */
    interface IdOf {
        String of(byte[] value) throws InvalidProtocolBufferException;
    }

    long duplicates() {
        return records - distinct;
    }

    /** Reads {@code topic} from the beginning to its end now. */
    static TopicIds read(KafkaConnection kafka, String topic, IdOf idOf) {
        Map<String, Object> config = kafka.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        long records = 0;
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    try {
                        ids.add(idOf.of(record.value()));
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException("a record on " + topic + " is not what it should carry", e);
                    }
                }
            }
        }
        return new TopicIds(topic, records, ids.size());
    }

    @Override
    public String toString() {
        return topic + ": " + records + " records, " + distinct + " distinct ids";
    }
}
