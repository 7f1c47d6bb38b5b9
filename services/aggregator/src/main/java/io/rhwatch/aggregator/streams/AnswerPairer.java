package io.rhwatch.aggregator.streams;

import io.rhwatch.core.scoring.AnswerPairing;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.PairingState;
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
import java.util.Set;

/**
 * Pairs each corrupted answer with the clean answer to the same sample at the same budget
 * ({@link AnswerPairing}), keeping the answers that wait for their pair in the changelogged
 * "answer-pairs" store, and passes the judgment on with the pairs it completed. Records arrive
 * keyed by model, so every answer of one sample|model|budget meets in the same store. An entry is
 * deleted once the clean answer and every configured corruption were paired; entries not updated
 * within the retention (a probe lost or never judged) are purged by wall-clock time.
 */
class AnswerPairer implements FixedKeyProcessor<String, Judgment, PairedJudgment> {

    /** How often entries older than the retention are purged. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final Set<Corruption> corruptions;
    private final Duration retention;
    private FixedKeyProcessorContext<String, PairedJudgment> context;
    private TimestampedKeyValueStore<String, PairingState> pairs;

    AnswerPairer(Set<Corruption> corruptions, Duration retention) {
        this.corruptions = corruptions;
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PairedJudgment> context) {
        this.context = context;
        this.pairs = context.getStateStore(TopologyProducer.PAIRS_STORE);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(FixedKeyRecord<String, Judgment> record) {
        Judgment judgment = record.value();
        PairedJudgment.Builder paired = PairedJudgment.newBuilder().setJudgment(judgment);
        String key = AnswerPairing.key(judgment);
        if (key != null) {
            ValueAndTimestamp<PairingState> stored = pairs.get(key);
            AnswerPairing.Outcome outcome = AnswerPairing.add(stored == null ? null : stored.value(), judgment, corruptions);
            if (outcome.state() == null) {
                pairs.delete(key);
            } else {
                pairs.put(key, ValueAndTimestamp.make(outcome.state(), context.currentSystemTimeMs()));
            }
            paired.addAllPairs(outcome.pairs());
        }
        context.forward(record.withValue(paired.build()));
    }

    private void purge(long now) {
        long oldest = now - retention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<PairingState>> all = pairs.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<PairingState>> entry = all.next();
                if (entry.value.timestamp() < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(pairs::delete);
    }
}
