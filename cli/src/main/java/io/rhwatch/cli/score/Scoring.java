package io.rhwatch.cli.score;

import io.rhwatch.core.scoring.AnswerPairing;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairingState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Judgments → one {@link Scorecard} per model, folded exactly as the aggregator's topology folds them. */
public final class Scoring {

    private Scoring() {
    }

    /** Scorecards sorted by model. */
    public static List<Scorecard> score(List<Judgment> judgments, Bootstrap bootstrap) {
        Map<String, ModelTally> tallies = new TreeMap<>();
        Map<String, PairingState> pairs = new HashMap<>();
        for (Judgment judgment : judgments) {
            String key = AnswerPairing.key(judgment);
            AnswerPairing.Outcome outcome = AnswerPairing.add(key == null ? null : pairs.get(key), judgment);
            if (key != null) {
                pairs.put(key, outcome.state());
            }
            tallies.compute(judgment.getModel(), (model, tally) ->
                    Tallies.add(tally == null ? Tallies.empty(model) : tally, judgment, outcome.pairs()));
        }
        return tallies.values().stream().map(tally -> Scorecard.of(tally, bootstrap)).toList();
    }
}
