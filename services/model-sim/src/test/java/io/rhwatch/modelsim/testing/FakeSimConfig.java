package io.rhwatch.modelsim.testing;

import io.rhwatch.modelsim.config.SimConfig;

import java.util.Map;

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

    public record FakeModel(long seed, double refusalRate, Curve perception, Curve reasoning) implements Model {
    }

    public record FakeCurve(double atZero, double atFull, double exponent) implements Curve {
    }
}
