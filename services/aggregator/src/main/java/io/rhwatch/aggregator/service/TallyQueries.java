package io.rhwatch.aggregator.service;

import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.ModelTally;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the per-model counts from the local "model-tallies" store (Kafka Streams interactive
 * queries). This instance sees the models of the partitions it owns.
 */
@ApplicationScoped
public class TallyQueries {

    private final KafkaStreams streams;

    TallyQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every model counted so far, sorted by name. */
    public List<ModelTally> all() {
        return read(store -> {
            List<ModelTally> tallies = new ArrayList<>();
            try (KeyValueIterator<String, ModelTally> entries = store.all()) {
                entries.forEachRemaining(entry -> tallies.add(entry.value));
            }
            tallies.sort(Comparator.comparing(ModelTally::getModel));
            return tallies;
        });
    }

    public Optional<ModelTally> find(String model) {
        return read(store -> Optional.ofNullable(store.get(model)));
    }

    private <T> T read(Function<ReadOnlyKeyValueStore<String, ModelTally>, T> query) {
        try {
            return query.apply(streams.store(StoreQueryParameters.fromNameAndType(
                    TopologyProducer.TALLIES_STORE, QueryableStoreTypes.keyValueStore())));
        } catch (InvalidStateStoreException e) {
            // Not started yet, restoring from the changelog, or rebalancing: a state worth retrying.
            throw new TalliesUnavailableException(streams.state(), e);
        }
    }
}
