package io.rhwatch.cli.score;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;

import java.util.List;
import java.util.Locale;

/**
 * Renders scorecards: as the JSON document of {@code rhwatch score --format json} (the field names
 * and shapes of the aggregator's GET /v1/models/{model}/curve, under {@code models}), or as a
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
            ObjectNode model = models.addObject();
            model.put("model", s.model());
            model.put("rh_auc", s.rhAuc());
            interval(model, "rh_auc_ci", s.rhAucCi());
            model.put("rh_auc_raw", s.rhAucRaw());
            interval(model, "rh_auc_raw_ci", s.rhAucRawCi());
            model.put("reason", s.reason());
            model.put("judged", s.judged());
            ArrayNode points = model.putArray("points");
            for (Scorecard.Point p : s.points()) {
                ObjectNode point = points.addObject();
                point.put("budget", p.budget());
                point.put("reasoning_accuracy", p.reasoningAccuracy());
                interval(point, "reasoning_ci", p.reasoningCi());
                point.put("perception_accuracy", p.perceptionAccuracy());
                interval(point, "perception_ci", p.perceptionCi());
                point.put("reasoning_n", p.reasoningN());
                point.put("reasoning_correct", p.reasoningCorrect());
                point.put("perception_n", p.perceptionN());
                point.put("perception_correct", p.perceptionCorrect());
            }
            ArrayNode cells = model.putArray("cells");
            for (Scorecard.Cell c : s.cells()) {
                ObjectNode cell = cells.addObject();
                cell.put("budget", c.budget());
                cell.put("task", Labels.of(c.task()));
                cell.put("corruption", Labels.of(c.corruption()));
                cell.put("judged", c.judged());
                cell.put("correct", c.correct());
                cell.put("accuracy", c.accuracy());
                interval(cell, "accuracy_ci", c.accuracyCi());
                cell.put("unparseable", c.unparseable());
                cell.put("censored", c.censored());
            }
            ArrayNode corruptions = model.putArray("corruptions");
            for (Scorecard.CorruptionEffect e : s.corruptions()) {
                ObjectNode effect = corruptions.addObject();
                effect.put("budget", e.budget());
                effect.put("task", Labels.of(e.task()));
                effect.put("corruption", Labels.of(e.corruption()));
                effect.put("clean_accuracy", e.cleanAccuracy());
                effect.put("corrupted_accuracy", e.corruptedAccuracy());
                effect.put("gap", e.gap());
                interval(effect, "gap_ci", e.gapCi());
                effect.put("invariance", e.invariance());
                effect.put("invariance_n", e.invarianceN());
            }
            ArrayNode censoring = model.putArray("censoring");
            for (Scorecard.Censoring c : s.censoring()) {
                ObjectNode level = censoring.addObject();
                level.put("budget", c.budget());
                level.put("judged", c.judged());
                level.put("unparseable", c.unparseable());
                level.put("censored", c.censored());
                level.put("unparseable_rate", c.unparseableRate());
                level.put("censored_rate", c.censoredRate());
            }
        }
        return document;
    }

    private static void interval(ObjectNode node, String field, Interval interval) {
        if (interval == null) {
            node.putNull(field);
        } else {
            node.putArray(field).add(interval.low()).add(interval.high());
        }
    }

    static String table(List<Scorecard> scorecards, Bootstrap bootstrap) {
        StringBuilder out = new StringBuilder();
        for (Scorecard s : scorecards) {
            out.append(s.model()).append("  (").append(s.judged()).append(" judged)\n");
            out.append("  RH-AUC     ").append(value(s.rhAuc(), s.rhAucCi())).append('\n');
            out.append("  rh_auc_raw ").append(value(s.rhAucRaw(), s.rhAucRawCi())).append('\n');
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
                out.append("  hallucination as cue: accuracy clean vs. corrupted, gap = clean − corrupted\n");
                out.append(String.format(Locale.ROOT, "  %7s  %-10s  %-12s  %5s  %9s  %-24s  %s%n",
                        "budget", "task", "corruption", "clean", "corrupted", "gap [95%]", "unchanged answers"));
                for (Scorecard.CorruptionEffect e : s.corruptions()) {
                    out.append(String.format(Locale.ROOT, "  %7d  %-10s  %-12s  %5.3f  %9.3f  %-24s  %s%n",
                            e.budget(), Labels.of(e.task()), Labels.of(e.corruption()), e.cleanAccuracy(),
                            e.corruptedAccuracy(), value(e.gap(), e.gapCi()),
                            e.invariance() == null ? "-" : String.format(Locale.ROOT, "%.3f of %d", e.invariance(), e.invarianceN())));
                }
            }
            out.append("  censoring (counted as incorrect): unparseable and cut answers per level\n");
            for (Scorecard.Censoring c : s.censoring()) {
                out.append(String.format(Locale.ROOT, "  %7d  %d judged, %d unparseable (%.1f%%), %d censored (%.1f%%)%n",
                        c.budget(), c.judged(), c.unparseable(), 100 * c.unparseableRate(), c.censored(), 100 * c.censoredRate()));
            }
            out.append('\n');
        }
        out.append("intervals: 95%; accuracies Wilson, gaps Newcombe, RH-AUC bootstrap (")
                .append(bootstrap.resamples()).append(" resamples, seed ").append(bootstrap.seed()).append(")\n");
        return out.toString();
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
