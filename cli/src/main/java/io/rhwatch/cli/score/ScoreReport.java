package io.rhwatch.cli.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.view.CurveView;

import java.util.List;
import java.util.Locale;

/**
 * Renders scorecards: as the JSON document of {@code rhwatch score --format json} (each model is
 * core's {@link CurveView}, the aggregator's GET /v1/models/{model}/curve, under {@code models}), or as a
 * table per model for people.
 */
final class ScoreReport {

    private ScoreReport() {
    }

    static ObjectNode json(List<Scorecard> scorecards, Bootstrap bootstrap) {
        ObjectNode document = JudgmentRecords.MAPPER.createObjectNode();
        ObjectNode settings = document.putObject("bootstrap");
        settings.put("resamples", bootstrap.resamples());
        settings.put("seed", bootstrap.seed());
        ArrayNode models = document.putArray("models");
        for (Scorecard s : scorecards) {
            models.add(JudgmentRecords.MAPPER.<ObjectNode>valueToTree(CurveView.of(s)));
        }
        return document;
    }

    static String table(List<Scorecard> scorecards, Bootstrap bootstrap) {
        StringBuilder out = new StringBuilder();
        for (Scorecard s : scorecards) {
            out.append(s.model()).append("  (").append(s.judged()).append(" judged)\n");
            out.append("  RH-AUC     ").append(value(s.rhAuc(), s.rhAucCi())).append(degenerate(s.rhAucDegenerateShare())).append('\n');
            out.append("  rh_auc_raw ").append(value(s.rhAucRaw(), s.rhAucRawCi())).append(degenerate(s.rhAucRawDegenerateShare())).append('\n');
            out.append(Scorecard.PAIRED.equals(s.intervalMethod())
                    ? String.format(Locale.ROOT, "  (intervals resample whole samples: %d reasoning, %d perception)%n",
                            s.pairedReasoningSamples(), s.pairedPerceptionSamples())
                    : "  (no sample ids of both tasks: RH-AUC intervals resample cells independently)\n");
            if (s.reason() != null) {
                out.append("  (").append(s.reason()).append(")\n");
            }
            out.append(String.format(Locale.ROOT, "  %7s  %-27s  %s%n", "budget", "reasoning accuracy [95%] n", "perception accuracy [95%] n"));
            for (Scorecard.Point p : s.points()) {
                out.append(String.format(Locale.ROOT, "  %7d  %-27s  %s%n", p.budget(),
                        value(p.reasoningAccuracy(), p.reasoningCi()) + " " + p.reasoningN(),
                        value(p.perceptionAccuracy(), p.perceptionCi()) + " " + p.perceptionN()));
            }
            if (!s.corruptions().isEmpty()) {
                out.append("  hallucination as cue: accuracy clean vs. corrupted, gap = clean − corrupted (paired: on the samples answered both ways)\n");
                out.append(String.format(Locale.ROOT, "  %7s  %-10s  %-12s  %5s  %9s  %-24s  %s%n",
                        "budget", "task", "corruption", "clean", "corrupted", "gap [95%]", "unchanged answers"));
                for (Scorecard.CorruptionEffect e : s.corruptions()) {
                    out.append(String.format(Locale.ROOT, "  %7d  %-10s  %-12s  %5.3f  %9.3f  %-24s  %s%n",
                            e.budget(), Labels.of(e.task()), Labels.of(e.corruption()), e.cleanAccuracy(),
                            e.corruptedAccuracy(), value(e.gap(), e.gapCi()),
                            e.invariance() == null ? "-" : String.format(Locale.ROOT, "%.3f of %d", e.invariance(), e.invarianceN())));
                }
            }
            out.append("  censoring: unparseable answers (counted as incorrect) and cut answers (counted by their verdict) per level\n");
            for (Scorecard.Censoring c : s.censoring()) {
                out.append(String.format(Locale.ROOT, "  %7d  %d judged, %d unparseable (%.1f%%), %d censored (%.1f%%)%n",
                        c.budget(), c.judged(), c.unparseable(), 100 * c.unparseableRate(), c.censored(), 100 * c.censoredRate()));
            }
            out.append('\n');
        }
        out.append("intervals: 95%; accuracies Wilson, gaps Newcombe (paired where sample ids pair them), RH-AUC bootstrap (")
                .append(bootstrap.resamples()).append(" resamples, seed ").append(bootstrap.seed()).append(")\n");
        return out.toString();
    }

    private static String degenerate(Double share) {
        return share == null || share == 0 ? "" : String.format(Locale.ROOT, "  (%.1f%% of resamples undefined)", 100 * share);
    }

    private static String value(Double value, Interval interval) {
        if (value == null) {
            return "-";
        }
        return interval == null
                ? String.format(Locale.ROOT, "%.3f", value)
                : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", value, interval.low(), interval.high());
    }
}
