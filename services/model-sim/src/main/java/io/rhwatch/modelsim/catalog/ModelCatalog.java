package io.rhwatch.modelsim.catalog;

import io.rhwatch.modelsim.config.SimConfig;
import io.rhwatch.modelsim.judge.SimulatedJudge;
import io.rhwatch.modelsim.service.AccuracyCurve;
import io.rhwatch.modelsim.service.Generator;
import io.rhwatch.modelsim.service.ModelProfile;
import io.rhwatch.modelsim.service.SceneCache;
import io.rhwatch.modelsim.service.SimulatedModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulated models this server serves, built from configuration, and the simulated judge; a bad setting fails
 * startup, naming the key.
 */
@ApplicationScoped
public class ModelCatalog {

    private final Map<String, SimulatedModel> models;
    /** What each model name serves: its profile, or a {@link ProfileSwitch} when one is configured. */
    private final Map<String, Generator> served;
    private final String judgeName;
    private final SimulatedJudge judge = new SimulatedJudge();
    private final SceneCache scenes;
    private final int maxTokensLimit;

    @Inject
    public ModelCatalog(SimConfig config) {
        this(config, Clock.systemUTC());
    }

    /** @param clock the time a configured {@code switch-at} is compared with */
    ModelCatalog(SimConfig config, Clock clock) {
        if (config.models().isEmpty()) {
            throw new IllegalStateException("rhwatch.sim.models must configure at least one model");
        }
        if (config.fullThinkingTokens() < 1) {
            throw new IllegalStateException("rhwatch.sim.full-thinking-tokens must be at least 1, got " + config.fullThinkingTokens());
        }
        if (config.maxTokensLimit() < 1) {
            throw new IllegalStateException("rhwatch.sim.max-tokens-limit must be at least 1, got " + config.maxTokensLimit());
        }
        if (config.sceneCacheSize() < 0) {
            throw new IllegalStateException("rhwatch.sim.scene-cache-size must not be negative, got " + config.sceneCacheSize());
        }
        if (config.judge().name().isBlank() || config.models().containsKey(config.judge().name())) {
            throw new IllegalStateException("rhwatch.sim.judge.name must be a name no model has, got '" + config.judge().name() + "'");
        }
        Map<String, SimulatedModel> built = new TreeMap<>();
        config.models().forEach((name, model) -> built.put(name, new SimulatedModel(profile(name, model, config.fullThinkingTokens()))));
        this.models = Collections.unmodifiableMap(built);
        Map<String, Generator> serving = new TreeMap<>(built);
        config.models().forEach((name, model) -> ProfileSwitch.of(name, model, built, clock).ifPresent(s -> serving.put(name, s)));
        this.served = Collections.unmodifiableMap(serving);
        this.scenes = new SceneCache(config.sceneCacheSize());
        this.maxTokensLimit = config.maxTokensLimit();
        this.judgeName = config.judge().name();
    }

    /** A served model or the judge, by name. */
    public Optional<Generator> served(String name) {
        return name.equals(judgeName) ? Optional.of(judge) : Optional.ofNullable(served.get(name));
    }

    /** A configured model's own profile (what it serves until a configured switch). */
    public Optional<SimulatedModel> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public SceneCache scenes() {
        return scenes;
    }

    public int maxTokensLimit() {
        return maxTokensLimit;
    }

    /** The profile a configured model answers with (also what tests that run without Quarkus use). */
    public static ModelProfile profile(String name, SimConfig.Model model, int fullThinkingTokens) {
        String prefix = "rhwatch.sim.models." + name + ".";
        try {
            return new ModelProfile(name, model.seed(), model.refusalRate(),
                    curve("perception.", model.perception(), fullThinkingTokens),
                    curve("reasoning.", model.reasoning(), fullThinkingTokens),
                    model.textPrior().isPresent()
                            ? curve("text-prior.", model.textPrior().get(), fullThinkingTokens)
                            : AccuracyCurve.never(fullThinkingTokens));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(prefix + e.getMessage(), e);
        }
    }

    private static AccuracyCurve curve(String part, SimConfig.Curve curve, int fullThinkingTokens) {
        try {
            return new AccuracyCurve(curve.atZero(), curve.atFull(), curve.exponent(), fullThinkingTokens);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(part + e.getMessage(), e);
        }
    }
}
