package io.rhwatch.modelsim.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The simulator's configuration, all under {@code rhwatch.sim}: the simulated models and their behaviour, and its
 * capacity as a stand-in for a GPU. The single source of every default.
 */
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

    /** Requests served at once, service times and injected faults (benchmarks and fault tests set them). */
    CapacitySettings capacity();

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

        /**
         * Share of perception questions answered from the model's text prior, ignoring the image, by thinking length;
         * absent: never (the model reads the image at every length).
         */
        Optional<Curve> textPrior();

        /**
         * A "bad deploy" (load-tests/run regression): the name of another configured model whose profile (curves,
         * refusal rate, seed) this one answers with from {@code switch-after-generations} or {@code switch-at} on,
         * whichever comes first, still served under its own name.
         */
        Optional<String> switchTo();

        /** Generations of this model (every request it serves) answered with its own profile before the switch. */
        OptionalLong switchAfterGenerations();

        /** The wall-clock instant of the switch, ISO-8601 (e.g. 2026-12-02T15:00:00Z). */
        Optional<Instant> switchAt();
    }

    /** Accuracy from {@code at-zero} (no thinking) to {@code at-full}, changing as progress to the power {@code exponent}. */
    interface Curve {

        double atZero();

        double atFull();

        double exponent();
    }
}
