package io.rhwatch.aggregator.service;

import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
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
 * Reads the per-model counts ("model-tallies") and newest examples ("model-examples") from the
 * local stores (Kafka Streams interactive queries). This instance sees the models of the
 * partitions it owns.
 */
@ApplicationScoped
public class TallyQueries {

    private final KafkaStreams streams;

    TallyQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every model counted so far, sorted by name. */
    public List<ModelTally> all() {
        return this.<ModelTally, List<ModelTally>>read(TopologyProducer.TALLIES_STORE, store -> {
            List<ModelTally> tallies = new ArrayList<>();
            try (KeyValueIterator<String, ModelTally> entries = store.all()) {
                entries.forEachRemaining(entry -> tallies.add(entry.value));
            }
            tallies.sort(Comparator.comparing(ModelTally::getModel));
            return tallies;
        });
    }

    public Optional<ModelTally> find(String model) {
        return this.<ModelTally, Optional<ModelTally>>read(TopologyProducer.TALLIES_STORE,
                store -> Optional.ofNullable(store.get(model)));
    }

    /** The model's kept judgments (at most {@link TopologyProducer#EXAMPLES_PER_MODEL}), newest first. */
    public List<Judgment> examples(String model) {
        return this.<JudgedExample, List<Judgment>>read(TopologyProducer.EXAMPLES_STORE, store -> {
            List<JudgedExample> examples = new ArrayList<>();
            // The model's slots are "model NUL 00" … "model NUL 49".
            try (KeyValueIterator<String, JudgedExample> slots = store.range(model + "\u0000", model + "\u0000\u007f")) {
                slots.forEachRemaining(slot -> examples.add(slot.value));
            }
            examples.sort(Comparator.comparingLong(JudgedExample::getSequence).reversed());
            return examples.stream().map(JudgedExample::getJudgment).toList();
        });
    }

    private <V, T> T read(String storeName, Function<ReadOnlyKeyValueStore<String, V>, T> query) {
        try {
            return query.apply(streams.store(StoreQueryParameters.fromNameAndType(
                    storeName, QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            // Not started yet, restoring from the changelog, or rebalancing: a state worth retrying.
            throw new TalliesUnavailableException(storeName, streams.state(), e);
        }
    }
}
