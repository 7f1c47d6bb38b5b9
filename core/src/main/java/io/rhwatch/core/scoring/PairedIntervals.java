package io.rhwatch.core.scoring;

import java.util.List;

/**
 * What a model's per-sample outcomes add to its {@link Scorecard}: RH-AUC and {@code rh_auc_raw}
 * intervals from the {@link PairedBootstrap} with their degenerate shares, and the clean − corrupted
 * gaps on the samples answered both ways ({@link PairedGaps}). The aggregator computes it once per
 * curve and publishes it in the curve, so every replica serves the same intervals.
 *
 * @param rhAucCi  null when undefined on the samples or in every resample
 * @param samples  reasoning and perception samples resampled
 */
public record PairedIntervals(Interval rhAucCi, double rhAucDegenerateShare, Interval rhAucRawCi,
                              double rhAucRawDegenerateShare, long reasoningSamples, long perceptionSamples,
                              List<PairedGaps.Gap> gaps) {

    public PairedIntervals {
        gaps = List.copyOf(gaps);
    }

    /** Whether the RH-AUC intervals resampled samples of both tasks; if not, the scorecard's come from its cells. */
    public boolean coversTheCurve() {
        return reasoningSamples > 0 && perceptionSamples > 0;
    }

    /** Null when the table holds no sample. */
    public static PairedIntervals of(OutcomeTable table, PairedBootstrap bootstrap) {
        if (table.size() == 0) {
            return null;
        }
        PairedBootstrap.Result result = bootstrap.rhAuc(table);
        return new PairedIntervals(result.rhAuc().ci(), result.rhAuc().degenerateShare(),
                result.rhAucRaw().ci(), result.rhAucRaw().degenerateShare(),
                result.reasoningSamples(), result.perceptionSamples(), PairedGaps.of(table));
    }
}
