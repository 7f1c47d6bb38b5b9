package io.rhwatch.aggregator.streams;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.core.scoring.OutcomeRow;
import io.rhwatch.core.scoring.OutcomeTable;
import io.rhwatch.core.scoring.PairedBootstrap;
import io.rhwatch.core.scoring.PairedIntervals;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.ModelTally;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A model's counts → its curve for rh.curves and its per-sample outcomes for rh.outcomes, from the
 * same moment: the paired intervals in the curve are computed from exactly the table published beside
 * it. Runs when the counts' record cache is flushed (at most once a commit per model), so the table
 * is read from the "sample-outcomes" rows and resampled once per published curve, not per judgment.
 */
class CurvePublisher implements FixedKeyProcessor<String, ModelTally, CurvePublisher.Published> {

    /** A model's curve and its {@link OutcomeTable#toBytes() outcome table}. */
    record Published(Curve curve, byte[] outcomes) {
    }

    private final int maxSamples;
    private final Bootstrap bootstrap = new Bootstrap();
    private final PairedBootstrap pairedBootstrap = new PairedBootstrap();
    private FixedKeyProcessorContext<String, Published> context;
    private KeyValueStore<String, byte[]> rows;

    CurvePublisher(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Published> context) {
        this.context = context;
        this.rows = context.getStateStore(TopologyProducer.SAMPLE_OUTCOMES_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ModelTally> record) {
        ModelTally tally = record.value();
        OutcomeTable table = table(tally.getModel());
        PairedIntervals paired = PairedIntervals.of(table, pairedBootstrap);
        Scorecard scorecard = Scorecard.of(tally, bootstrap, paired);
        context.forward(record.withValue(new Published(Curves.of(tally, scorecard), table.toBytes())));
    }

    private OutcomeTable table(String model) {
        SampleOutcomes outcomes = new SampleOutcomes(maxSamples);
        try (KeyValueIterator<String, byte[]> all = rows.range(OutcomeRecorder.firstRow(model), OutcomeRecorder.pastLastRow(model))) {
            all.forEachRemaining(row -> outcomes.add(OutcomeRecorder.hashOf(row.key), OutcomeRow.parse(row.value)));
        }
        return outcomes.snapshot();
    }
}
