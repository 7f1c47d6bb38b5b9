package io.rhwatch.aggregator.streams;

import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.proto.v1.JudgedExample;
import io.rhwatch.proto.v1.Judgment;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes each model's newest example judgments (those the judge gave an {@code example}: one sample in
 * {@code rhwatch.judge.examples.every-nth-sample}) for rh.examples, in a ring of
 * {@link ReadModelStores#EXAMPLES_PER_MODEL} slots, one key per slot, so the compacted topic stays
 * bounded and no record grows with the ring. Only the model's running count is kept here
 * ("model-example-counts"); the examples themselves are the read model's.
 */
class ExampleRecorder implements Processor<String, Judgment, String, JudgedExample> {

    private ProcessorContext<String, JudgedExample> context;
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<String, JudgedExample> context) {
        this.context = context;
        this.counts = context.getStateStore(TopologyProducer.EXAMPLE_COUNTS_STORE);
    }

    @Override
    public void process(Record<String, Judgment> record) {
        Judgment judgment = record.value();
        if (!judgment.hasExample()) {
            return;
        }
        String model = judgment.getModel();
        Long previous = counts.get(model);
        long sequence = previous == null ? 0 : previous + 1;
        counts.put(model, sequence);
        context.forward(record.withKey(ReadModelStores.exampleSlot(model, sequence))
                .withValue(JudgedExample.newBuilder().setSequence(sequence).setJudgment(judgment).build()));
    }
}
