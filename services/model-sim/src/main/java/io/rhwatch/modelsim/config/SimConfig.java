package io.rhwatch.modelsim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The simulated models and their behaviour, under {@code rhwatch.sim}. */
@ConfigMapping(prefix = "rhwatch.sim")
public interface SimConfig {

    /** The served models by name, e.g. {@code rhwatch.sim.models.rh-sim-steady.seed=11}. */
    Map<String, Model> models();

    /** Thinking length at which every accuracy curve reaches its {@code at-full} level. */
    @WithDefault("600")
    int fullThinkingTokens();

    /** The largest {@code max_tokens} a request may ask for. */
    @WithDefault("32768")
    int maxTokensLimit();

    /** How many decoded images to remember. */
    @WithDefault("256")
    int sceneCacheSize();

    /** The simulated judge model the judge service's optional LLM judge calls (docs/ARCHITECTURE.md, "LLM judge"). */
    Judge judge();

    interface Judge {

        /** The name it is served under. */
        @WithDefault("rh-sim-judge")
        String name();
    }

    interface Model {

        /** Keys the model's draws: models with different seeds err on different samples. */
        long seed();

        /** Share of answers that are an unparseable refusal. */
        @WithDefault("0.02")
        double refusalRate();

        Curve perception();

        Curve reasoning();
    }

    /** Accuracy from {@code at-zero} (no thinking) to {@code at-full}, changing as progress to the power {@code exponent}. */
    interface Curve {

        double atZero();

        double atFull();

        double exponent();
    }
}
