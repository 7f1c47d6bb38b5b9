package io.rhwatch.aggregator.service;

import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.ModelTally;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each model's {@link Scorecard} for its latest tally. The bootstrap is the costly part: the
 * topology computes it once per tally update for rh.curves, and the REST API serves the same
 * result while the tally it reads is the same.
 */
@ApplicationScoped
public class ScorecardCache {

    private record Cached(ModelTally tally, Scorecard scorecard) {
    }

    private final Bootstrap bootstrap = new Bootstrap();
    private final Map<String, Cached> latest = new ConcurrentHashMap<>();

    public Scorecard of(ModelTally tally) {
        Cached cached = latest.get(tally.getModel());
        if (cached != null && cached.tally().equals(tally)) {
            return cached.scorecard();
        }
        Scorecard scorecard = Scorecard.of(tally, bootstrap);
        latest.put(tally.getModel(), new Cached(tally, scorecard));
        return scorecard;
    }
}
