package io.rhwatch.aggregator.service;

import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The numbers per model, computed on read from the live counts with core's {@link Scorecard}
 * (the same code as {@code rhwatch score}), from the {@link ScorecardCache} the topology fills
 * when it publishes the model's curve.
 */
@ApplicationScoped
public class ScorecardService {

    private final TallyQueries tallies;
    private final ScorecardCache scorecards;

    ScorecardService(TallyQueries tallies, ScorecardCache scorecards) {
        this.tallies = tallies;
        this.scorecards = scorecards;
    }

    /** Every model counted so far, sorted by name. */
    public List<Scorecard> all() {
        return tallies.all().stream().map(scorecards::of).toList();
    }

    /** @throws UnknownModelException naming the known models */
    public Scorecard of(String model) {
        return scorecards.of(tally(model));
    }

    /** The model's newest judgments, newest first, at most {@code limit}. */
    public List<Judgment> examples(String model, int limit) {
        tally(model);
        return tallies.examples(model).stream().limit(limit).toList();
    }

    private ModelTally tally(String model) {
        return tallies.find(model).orElseThrow(() -> new UnknownModelException(model,
                tallies.all().stream().map(ModelTally::getModel).toList()));
    }
}
