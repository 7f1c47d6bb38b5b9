package io.rhwatch.modelsim.catalog;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.modelsim.config.SimConfig;
import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.service.Generator;
import io.rhwatch.modelsim.service.SceneCache;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.testing.FakeSimConfig;
import io.rhwatch.modelsim.testing.FakeSimConfig.FakeCurve;
import io.rhwatch.modelsim.testing.FakeSimConfig.FakeModel;
import io.rhwatch.modelsim.testing.Prompts;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model's profile switched mid-stream ("bad deploy"), by count of generations or at an instant. */
class ProfileSwitchTest {

    private static final BenchmarkSample SAMPLE = BenchmarkGenerator.generate(1, 7).get(0);
    private static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
    private final SeenImage image = new SceneCache(4).see(SAMPLE.png());

    @Test
    void answersWithItsOwnProfileForTheConfiguredGenerationsThenWithTheOther() {
        ModelCatalog catalog = new ModelCatalog(config(Optional.of("bad"), OptionalLong.of(3), Optional.empty()), Clock.systemUTC());
        Generator good = catalog.model("good").orElseThrow();
        Generator bad = catalog.model("bad").orElseThrow();
        Generator served = catalog.served("good").orElseThrow();
        assertThat(think(good)).as("the two profiles word their thinking differently").isNotEqualTo(think(bad));

        for (int i = 0; i < 3; i++) {
            assertThat(think(served)).as("generation %d", i).isEqualTo(think(good));
        }
        assertThat(((ProfileSwitch) served).switched()).isFalse();
        for (int i = 3; i < 6; i++) {
            assertThat(think(served)).as("generation %d", i).isEqualTo(think(bad));
        }
        assertThat(((ProfileSwitch) served).switched()).isTrue();
        assertThat(catalog.served("bad").orElseThrow()).as("the target itself is served as configured").isSameAs(bad);
    }

    @Test
    void switchesAtTheConfiguredInstantAndStaysSwitched() {
        AtomicReference<Instant> now = new AtomicReference<>(T0.minusSeconds(1));
        Clock clock = new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now.get();
            }
        };
        ModelCatalog catalog = new ModelCatalog(config(Optional.of("bad"), OptionalLong.empty(), Optional.of(T0)), clock);
        Generator served = catalog.served("good").orElseThrow();
        String good = think(catalog.model("good").orElseThrow());
        String bad = think(catalog.model("bad").orElseThrow());

        assertThat(think(served)).isEqualTo(good);
        now.set(T0);
        assertThat(think(served)).isEqualTo(bad);
        now.set(T0.minusSeconds(60));
        assertThat(think(served)).as("a switch is not undone").isEqualTo(bad);
    }

    @Test
    void aSwitchWithoutATargetOrTriggerOrToAnUnknownModelFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> new ModelCatalog(config(Optional.of("nobody"), OptionalLong.of(1), Optional.empty())))
                .hasMessage("rhwatch.sim.models.good.switch-to must name another configured model, one of [bad], got 'nobody'");
        assertThatThrownBy(() -> new ModelCatalog(config(Optional.of("bad"), OptionalLong.empty(), Optional.empty())))
                .hasMessage("rhwatch.sim.models.good.switch-to needs rhwatch.sim.models.good.switch-after-generations"
                        + " or rhwatch.sim.models.good.switch-at");
        assertThatThrownBy(() -> new ModelCatalog(config(Optional.empty(), OptionalLong.of(5), Optional.empty())))
                .hasMessageStartingWith("rhwatch.sim.models.good.switch-to must name the model whose profile to switch to");
        assertThatThrownBy(() -> new ModelCatalog(config(Optional.of("bad"), OptionalLong.of(-1), Optional.empty())))
                .hasMessage("rhwatch.sim.models.good.switch-after-generations must not be negative, got -1");
    }

    /** "good" (seed 1) with the given switch, and "bad" (seed 2, perception poor after thinking). */
    private static SimConfig config(Optional<String> switchTo, OptionalLong afterGenerations, Optional<Instant> at) {
        FakeCurve reasoning = new FakeCurve(0.3, 0.8, 1);
        return new FakeSimConfig(Map.of(
                "good", new FakeModel(1, 0.02, new FakeCurve(0.9, 0.85, 1), reasoning, Optional.empty(), switchTo, afterGenerations, at),
                "bad", new FakeModel(2, 0.02, new FakeCurve(0.9, 0.3, 0.2), reasoning)), 600, 1000, 4);
    }

    private String think(Generator model) {
        Generation generation = model.generate(Prompts.thinking(SAMPLE), image, 40, 99, List.of());
        return generation.text();
    }
}
