package io.rhwatch.aggregator.service;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The numbers per model, computed on read from the live counts with core's {@link Scorecard}
 * (the same code as {@code rhwatch score}). The bootstrap is the costly part, so a model's
 * scorecard is cached until its tally changes (its judged count is the version).
 */
@ApplicationScoped
public class ScorecardService {

    private record Cached(long judged, Scorecard scorecard) {
    }

    private final TallyQueries tallies;
    private final Bootstrap bootstrap = new Bootstrap();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ScorecardService(TallyQueries tallies) {
        this.tallies = tallies;
    }

    /** Every model counted so far, sorted by name. */
    public List<Scorecard> all() {
        return tallies.all().stream().map(this::scorecard).toList();
    }

    /** @throws UnknownModelException naming the known models */
    public Scorecard of(String model) {
        return scorecard(tally(model));
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

    private Scorecard scorecard(ModelTally tally) {
        Cached cached = cache.get(tally.getModel());
        if (cached != null && cached.judged() == tally.getJudged()) {
            return cached.scorecard();
        }
        Scorecard scorecard = Scorecard.of(tally, bootstrap);
        cache.put(tally.getModel(), new Cached(tally.getJudged(), scorecard));
        return scorecard;
    }
}
