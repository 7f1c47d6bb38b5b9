package io.rhwatch.aggregator.streams;

import io.rhwatch.core.scoring.AnswerPairing;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.PairedJudgment;
import io.rhwatch.proto.v1.PairingState;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pairs each corrupted answer with the clean answer to the same sample at the same budget
 * ({@link AnswerPairing}), keeping the answers that wait for their pair in the changelogged
 * "answer-pairs" store, and passes the judgment on with the pairs it completed. Records arrive
 * keyed by model, so every answer of one sample|model|budget meets in the same store.
 */
class AnswerPairer implements FixedKeyProcessor<String, Judgment, PairedJudgment> {

    private FixedKeyProcessorContext<String, PairedJudgment> context;
    private KeyValueStore<String, PairingState> pairs;

    @Override
    public void init(FixedKeyProcessorContext<String, PairedJudgment> context) {
        this.context = context;
        this.pairs = context.getStateStore(TopologyProducer.PAIRS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Judgment> record) {
        Judgment judgment = record.value();
        PairedJudgment.Builder paired = PairedJudgment.newBuilder().setJudgment(judgment);
        String key = AnswerPairing.key(judgment);
        if (key != null) {
            AnswerPairing.Outcome outcome = AnswerPairing.add(pairs.get(key), judgment);
            pairs.put(key, outcome.state());
            paired.addAllPairs(outcome.pairs());
        }
        context.forward(record.withValue(paired.build()));
    }
}
