package io.rhwatch.aggregator.streams;

import io.rhwatch.core.scoring.BudgetStability;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.StabilityState;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Budget stability ({@link BudgetStability}): keeps each sample's clean answers per level in the changelogged
 * "budget-stability" store and adds to the judgment the changes it makes to the stability counts. Records arrive keyed
 * by model, so every answer of one model|sample meets in the same store. The levels of a sample are not known here,
 * so an entry is never complete: entries not updated within the retention are purged by wall-clock time, as the
 * answer pairs are.
 */
class StabilityTracker implements FixedKeyProcessor<String, PairedJudgment, PairedJudgment> {

    private final Duration retention;
    private FixedKeyProcessorContext<String, PairedJudgment> context;
    private TimestampedKeyValueStore<String, StabilityState> states;

    StabilityTracker(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PairedJudgment> context) {
        this.context = context;
        this.states = context.getStateStore(TopologyProducer.STABILITY_STORE);
        context.schedule(AnswerPairer.PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(FixedKeyRecord<String, PairedJudgment> record) {
        String key = BudgetStability.key(record.value().getJudgment());
        if (key == null) {
            context.forward(record);
            return;
        }
        ValueAndTimestamp<StabilityState> stored = states.get(key);
        BudgetStability.Outcome outcome = BudgetStability.add(stored == null ? null : stored.value(), record.value().getJudgment());
        states.put(key, ValueAndTimestamp.make(outcome.state(), context.currentSystemTimeMs()));
        context.forward(record.withValue(record.value().toBuilder().addAllStability(outcome.changes()).build()));
    }

    private void purge(long now) {
        long oldest = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<StabilityState>> all = states.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<StabilityState>> entry = all.next();
                if (entry.value.timestamp() < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(states::delete);
    }
}
