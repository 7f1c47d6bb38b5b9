package io.rhwatch.aggregator.streams;

import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each model's newest judgments in a ring of {@link TopologyProducer#EXAMPLES_PER_MODEL}
 * slots in the changelogged "model-examples" store, one key per slot, so the store stays bounded
 * and no record grows with the ring. The judgment passes through unchanged.
 */
class ExampleRecorder implements FixedKeyProcessor<String, Judgment, Judgment> {

    private FixedKeyProcessorContext<String, Judgment> context;
    private KeyValueStore<String, JudgedExample> examples;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(FixedKeyProcessorContext<String, Judgment> context) {
        this.context = context;
        this.examples = context.getStateStore(TopologyProducer.EXAMPLES_STORE);
        this.counts = context.getStateStore(TopologyProducer.EXAMPLE_COUNTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Judgment> record) {
        Judgment judgment = record.value();
        String model = judgment.getModel();
        Long previous = counts.get(model);
        long sequence = previous == null ? 0 : previous + 1;
        counts.put(model, sequence);
        examples.put(slotKey(model, sequence), JudgedExample.newBuilder().setSequence(sequence).setJudgment(judgment).build());
        context.forward(record);
    }

    /** {@code model NUL slot}, the slot zero-padded so a model's slots form one key range. */
    static String slotKey(String model, long sequence) {
        return String.format("%s\u0000%02d", model, sequence % TopologyProducer.EXAMPLES_PER_MODEL);
    }
}
