package io.rhwatch.cli.score;

import io.rhwatch.core.ModelKey;
import io.rhwatch.core.scoring.AnswerPairing;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.BudgetStability;
import io.rhwatch.core.scoring.OutcomeTable;
import io.rhwatch.core.scoring.PairedBootstrap;
import io.rhwatch.core.scoring.PairedIntervals;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.StabilityChange;
import io.rhwatch.proto.v1.StabilityState;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judgments → one {@link Scorecard} per model (name@version), folded exactly as the aggregator's
 * topology folds them: counts per cell, answer pairs, and per-sample outcomes (bounded as the
 * aggregator's are by default) for the paired intervals.
 */
public final class Scoring {

    /** Each model's counts and per-sample outcomes, by model key. */
    public record Folded(Map<String, ModelTally> tallies, Map<String, OutcomeTable> outcomes) {
    }

    private Scoring() {
    }

    public static Folded fold(List<Judgment> judgments) {
        Map<String, ModelTally> tallies = new TreeMap<>();
        Map<String, SampleOutcomes> outcomes = new TreeMap<>();
        Map<String, PairingState> pairs = new HashMap<>();
        Map<String, StabilityState> stability = new HashMap<>();
        for (Judgment given : judgments) {
            Judgment judgment = ModelKey.keyed(given);
            String key = AnswerPairing.key(judgment);
            AnswerPairing.Outcome outcome = AnswerPairing.add(key == null ? null : pairs.get(key), judgment);
            if (key != null) {
                pairs.put(key, outcome.state());
            }
            String stabilityKey = BudgetStability.key(judgment);
            List<StabilityChange> changes = List.of();
            if (stabilityKey != null) {
                BudgetStability.Outcome stable = BudgetStability.add(stability.get(stabilityKey), judgment);
                stability.put(stabilityKey, stable.state());
                changes = stable.changes();
            }
            List<StabilityChange> stabilityChanges = changes;
            tallies.compute(judgment.getModel(), (model, tally) ->
                    Tallies.add(tally == null ? Tallies.empty(model) : tally, judgment, outcome.pairs(), stabilityChanges));
            SampleOutcomes samples = outcomes.computeIfAbsent(judgment.getModel(),
                    model -> new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES));
            // As the aggregator: an answer without a sample id or task, unlabelled or passive is counted, not kept per sample.
            if (SampleOutcomes.keeps(judgment)) {
                Task task = judgment.getSample().getTask();
                try {
                    samples.record(judgment.getSample().getSampleId(), task, judgment.getBudget(), judgment.getCorruption(),
                            judgment.getVerdict() == Verdict.VERDICT_CORRECT);
                } catch (IllegalArgumentException e) {
                    // A sample judged under two tasks, or a 17th level: the aggregator, too, counts it without keeping it.
                }
            }
        }
        Map<String, OutcomeTable> tables = new TreeMap<>();
        outcomes.forEach((model, samples) -> tables.put(model, samples.snapshot()));
        return new Folded(tallies, tables);
    }

    /** Scorecards sorted by model. */
    public static List<Scorecard> score(List<Judgment> judgments, Bootstrap bootstrap) {
        return score(fold(judgments), bootstrap);
    }

    public static List<Scorecard> score(Folded folded, Bootstrap bootstrap) {
        PairedBootstrap paired = new PairedBootstrap(bootstrap.resamples(), bootstrap.seed());
        return folded.tallies().values().stream()
                .map(tally -> Scorecard.of(tally, bootstrap, PairedIntervals.of(folded.outcomes().get(tally.getModel()), paired)))
                .toList();
    }
}
