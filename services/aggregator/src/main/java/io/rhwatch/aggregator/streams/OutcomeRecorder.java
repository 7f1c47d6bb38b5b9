package io.rhwatch.aggregator.streams;

import io.rhwatch.core.scoring.OutcomeRow;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps each model's per-sample outcomes for the paired statistics, one {@link OutcomeRow} per model
 * and sample in the changelogged "sample-outcomes" store (so a judgment costs one row, not the
 * model's whole table), and passes the judgment on. Bounded as {@link SampleOutcomes} is: a model
 * keeps the {@code maxSamples} samples with the smallest id hashes, so which samples are kept does not
 * depend on arrival order, replicas and replays agree, and two versions fed the same samples keep the
 * same ones. The rows of a model sort by hash, so the largest kept hash is the last row.
 */
class OutcomeRecorder implements FixedKeyProcessor<String, Judgment, Judgment> {

    private static final Logger LOG = Logger.getLogger(OutcomeRecorder.class);

    private final int maxSamples;
    private FixedKeyProcessorContext<String, Judgment> context;
    private KeyValueStore<String, byte[]> rows;
    private KeyValueStore<String, Long> counts;

    OutcomeRecorder(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Judgment> context) {
        this.context = context;
        this.rows = context.getStateStore(TopologyProducer.SAMPLE_OUTCOMES_STORE);
        this.counts = context.getStateStore(TopologyProducer.SAMPLE_COUNTS_STORE);
    }

    /** A model's row of one sample: the model, NUL, the hash as 16 hex digits in signed order. */
    static String rowKey(String model, long hash) {
        return String.format("%s\u0000%016x", model, hash ^ Long.MIN_VALUE);
    }

    static String firstRow(String model) {
        return model + "\u0000";
    }

    static String pastLastRow(String model) {
        return model + "\u0000\u007f";
    }

    static long hashOf(String rowKey) {
        return Long.parseUnsignedLong(rowKey.substring(rowKey.length() - 16), 16) ^ Long.MIN_VALUE;
    }

    @Override
    public void process(FixedKeyRecord<String, Judgment> record) {
        Judgment judgment = record.value();
        // Without a sample id or a task an answer cannot be paired with others of its sample, and an unlabelled or a
        // passive answer is no outcome of the labelled curve; all are still counted.
        if (SampleOutcomes.keeps(judgment)) {
            try {
                record(judgment);
            } catch (IllegalArgumentException e) {
                LOG.warnf("judgment %s of %s is counted but not kept per sample: %s",
                        judgment.getJudgmentId(), judgment.getModel(), e.getMessage());
            }
        }
        context.forward(record);
    }

    private void record(Judgment judgment) {
        String model = judgment.getModel();
        long hash = SampleOutcomes.sampleHash(judgment.getSample().getSampleId());
        String key = rowKey(model, hash);
        byte[] stored = rows.get(key);
        // Built before the store changes: a contradicting task is rejected without a trace.
        OutcomeRow row = (stored == null ? OutcomeRow.of(judgment.getSample().getTask()) : OutcomeRow.parse(stored))
                .with(judgment.getSample().getTask(), judgment.getBudget(), judgment.getCorruption(),
                        judgment.getVerdict() == Verdict.VERDICT_CORRECT);
        if (stored == null && !admit(model, hash)) {
            return;
        }
        rows.put(key, row.toBytes());
    }

    /** Makes room for a new sample: false when the model is full of samples with smaller hashes. */
    private boolean admit(String model, long hash) {
        Long count = counts.get(model);
        long kept = count == null ? 0 : count;
        if (kept < maxSamples) {
            counts.put(model, kept + 1);
            return true;
        }
        try (KeyValueIterator<String, byte[]> last = rows.reverseRange(firstRow(model), pastLastRow(model))) {
            KeyValue<String, byte[]> largest = last.next();
            if (hashOf(largest.key) < hash) {
                return false;
            }
            rows.delete(largest.key);
            return true;
        }
    }
}
