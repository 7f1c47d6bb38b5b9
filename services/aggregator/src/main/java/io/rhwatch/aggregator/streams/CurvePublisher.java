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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's counts → its curve for rh.curves and its per-sample outcomes for rh.outcomes. Runs when the counts'
 * record cache is flushed (at most once a commit per model). The paired intervals are the costly part: the table is
 * read from the "sample-outcomes" rows and resampled whole (1,000 resamples of up to 20,000 samples). So they are
 * computed again at most once per {@code pairedEvery} per model once it has {@link #ALWAYS_RESAMPLED_BELOW} samples or
 * more, and the curves in between carry the last ones; a wall-clock punctuation then publishes the curves still
 * carrying old intervals with new ones, so a model whose judgments stopped is not left with stale intervals. A table
 * goes to rh.outcomes only with the curve whose intervals came from it, so the latest table is always the one the
 * latest curve's intervals were computed from.
 */
public class CurvePublisher implements FixedKeyProcessor<String, ModelTally, CurvePublisher.Published> {

    /**
     * Below this many samples resampling is cheap (200,000 draws for the 1,000 resamples) and each new sample moves the
     * intervals: every curve gets new ones.
     */
    public static final int ALWAYS_RESAMPLED_BELOW = 200;

    /** A model's curve, and its {@link OutcomeTable#toBytes() outcome table} when the curve's intervals are new (else null). */
    record Published(Curve curve, byte[] outcomes) {
    }

    /** A model's last paired intervals, from a table of {@code samples} samples, computed at {@code atMs} (wall clock). */
    private record Resampled(PairedIntervals intervals, int samples, long atMs) {
    }

    private final int maxSamples;
    private final long pairedEveryMs;
    private final Bootstrap bootstrap = new Bootstrap();
    private final PairedBootstrap pairedBootstrap = new PairedBootstrap();
    /**
     * Per model of this task. Not kept across a restart or rebalance: each model's first curve after one resamples, and
     * a model with no judgment since keeps the intervals of the curve it had.
     */
    private final Map<String, Resampled> lastResampled = new HashMap<>();
    /** Per model: its latest counts, when the curve published with them carried older intervals. */
    private final Map<String, FixedKeyRecord<String, ModelTally>> awaitingIntervals = new HashMap<>();
    private FixedKeyProcessorContext<String, Published> context;
    private KeyValueStore<String, byte[]> rows;

    CurvePublisher(int maxSamples, Duration pairedEvery) {
        this.maxSamples = maxSamples;
        this.pairedEveryMs = pairedEvery.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Published> context) {
        this.context = context;
        this.rows = context.getStateStore(TopologyProducer.SAMPLE_OUTCOMES_STORE);
        if (pairedEveryMs > 0) {
            context.schedule(Duration.ofMillis(pairedEveryMs), PunctuationType.WALL_CLOCK_TIME, now -> {
                List<FixedKeyRecord<String, ModelTally>> due = awaitingIntervals.values().stream()
                        .filter(record -> now - lastResampled.get(record.value().getModel()).atMs() >= pairedEveryMs)
                        .toList();
                due.forEach(record -> {
                    awaitingIntervals.remove(record.value().getModel());
                    publishResampled(record, now);
                });
            });
        }
    }

    @Override
    public void process(FixedKeyRecord<String, ModelTally> record) {
        ModelTally tally = record.value();
        long now = context.currentSystemTimeMs();
        Resampled last = lastResampled.get(tally.getModel());
        if (last != null && last.samples() >= ALWAYS_RESAMPLED_BELOW && now - last.atMs() < pairedEveryMs) {
            Scorecard scorecard = Scorecard.of(tally, bootstrap, last.intervals());
            context.forward(record.withValue(new Published(Curves.of(tally, scorecard), null)));
            awaitingIntervals.put(tally.getModel(), record);
            return;
        }
        awaitingIntervals.remove(tally.getModel());
        publishResampled(record, now);
    }

    private void publishResampled(FixedKeyRecord<String, ModelTally> record, long now) {
        ModelTally tally = record.value();
        OutcomeTable table = table(tally.getModel());
        PairedIntervals paired = PairedIntervals.of(table, pairedBootstrap);
        lastResampled.put(tally.getModel(), new Resampled(paired, table.size(), now));
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
