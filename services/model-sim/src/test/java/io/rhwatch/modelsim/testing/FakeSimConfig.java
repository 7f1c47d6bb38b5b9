package io.rhwatch.modelsim.testing;

import io.rhwatch.modelsim.config.CapacitySettings;
import io.rhwatch.modelsim.config.SimConfig;
import io.rhwatch.testsupport.ConfigMappings;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A {@link SimConfig} built in code, for tests of configuration handling without Quarkus. */
public record FakeSimConfig(Map<String, Model> models, int fullThinkingTokens, int maxTokensLimit, int sceneCacheSize) implements SimConfig {

    public static FakeSimConfig oneModel(String name, double perceptionAtZero) {
        return new FakeSimConfig(Map.of(name, new FakeModel(1, 0.02, new FakeCurve(perceptionAtZero, 0.5, 1), new FakeCurve(0.3, 0.8, 1))),
                600, 1000, 4);
    }

    @Override
    public Judge judge() {
        return () -> "rh-sim-judge";
    }

    /** The configured defaults: no slot limit, no service time, no faults. */
    @Override
    public CapacitySettings capacity() {
        return ConfigMappings.load(SimConfig.class, Map.of()).capacity();
    }

    public record FakeModel(long seed, double refusalRate, Curve perception, Curve reasoning, Optional<Curve> textPrior,
                            Optional<String> switchTo, OptionalLong switchAfterGenerations, Optional<Instant> switchAt) implements Model {

        public FakeModel(long seed, double refusalRate, Curve perception, Curve reasoning) {
            this(seed, refusalRate, perception, reasoning, Optional.empty());
        }

        public FakeModel(long seed, double refusalRate, Curve perception, Curve reasoning, Optional<Curve> textPrior) {
            this(seed, refusalRate, perception, reasoning, textPrior, Optional.empty(), OptionalLong.empty(), Optional.empty());
        }
    }

    public record FakeCurve(double atZero, double atFull, double exponent) implements Curve {
    }
}
