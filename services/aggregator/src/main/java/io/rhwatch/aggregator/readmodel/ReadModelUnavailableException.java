package io.rhwatch.aggregator.readmodel;

import org.apache.kafka.streams.KafkaStreams;

/** The read model cannot be queried right now (Kafka Streams is starting or replaying the published views). */
public class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String store, KafkaStreams.State state, Throwable cause) {
        super("the " + store + " store is not queryable yet (Kafka Streams is " + state + "); retry shortly", cause);
    }
}
