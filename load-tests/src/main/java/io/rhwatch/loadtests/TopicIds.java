package io.rhwatch.loadtests;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.kafka.TopicSnapshot;

import java.util.HashSet;
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
        long[] records = {0};
        Set<String> ids = new HashSet<>();
        TopicSnapshot.read(kafka, topic, record -> {
            records[0]++;
            try {
                ids.add(idOf.of(record.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a record on " + topic + " is not what it should carry", e);
            }
        });
        return new TopicIds(topic, records[0], ids.size());
    }

    @Override
    public String toString() {
        return topic + ": " + records + " records, " + distinct + " distinct ids";
    }
}
