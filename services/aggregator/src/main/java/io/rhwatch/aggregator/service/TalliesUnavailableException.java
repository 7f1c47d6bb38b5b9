package io.rhwatch.aggregator.service;

import org.apache.kafka.streams.KafkaStreams;

/** A state store cannot be queried right now (Kafka Streams is starting, restoring or rebalancing). */
public class TalliesUnavailableException extends RuntimeException {

    public TalliesUnavailableException(String store, KafkaStreams.State state, Throwable cause) {
        super("the " + store + " store is not queryable yet (Kafka Streams is " + state + "); retry shortly", cause);
    }
}
