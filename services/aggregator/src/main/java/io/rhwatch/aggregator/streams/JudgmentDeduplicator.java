package io.rhwatch.aggregator.streams;

import io.rhwatch.proto.v1.Judgment;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops a judgment whose judgment_id was already counted: the judge and inference deliver at least
 * once, so a judgment can arrive twice. The ids seen are kept in the changelogged "judgment-ids"
 * store with the wall-clock time they were first seen, and forgotten after the retention.
 */
class JudgmentDeduplicator implements FixedKeyProcessor<String, Judgment, Judgment> {

    /** How often ids older than the retention are purged. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final Duration retention;
    private FixedKeyProcessorContext<String, Judgment> context;
    private KeyValueStore<String, Long> seen;

    JudgmentDeduplicator(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Judgment> context) {
        this.context = context;
        this.seen = context.getStateStore(TopologyProducer.JUDGMENT_IDS_STORE);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(FixedKeyRecord<String, Judgment> record) {
        String id = record.value().getJudgmentId();
        if (id.isEmpty()) {
            // Nothing to recognise a redelivery by: counted as it comes.
            context.forward(record);
            return;
        }
        if (seen.get(id) != null) {
            return;
        }
        seen.put(id, context.currentSystemTimeMs());
        context.forward(record);
    }

    private void purge(long now) {
        long oldest = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(seen::delete);
    }
}
