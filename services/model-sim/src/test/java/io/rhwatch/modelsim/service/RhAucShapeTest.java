package io.rhwatch.modelsim.service;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.modelsim.testing.ConfiguredProfiles;
import io.rhwatch.modelsim.testing.MeshJudge;
import io.rhwatch.modelsim.testing.Prompts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configured profiles must give the curves the mesh is built to detect: the same reasoning gains, but steady keeps
 * its perception (high RH-AUC) while drifty loses it early (low RH-AUC). Runs budget forcing as the inference service
 * does, judges each answer with the mesh's rule-based judge and scores with the mesh's own RH-AUC.
 */
class RhAucShapeTest {

    private static final int[] LEVELS = {0, 50, 100, 150, 200, 300, 400, 600};
    private static final SimulatedModel STEADY = new SimulatedModel(ConfiguredProfiles.profile("rh-sim-steady"));
    private static final SimulatedModel DRIFTY = new SimulatedModel(ConfiguredProfiles.profile("rh-sim-drifty"));

    @Test
    void steadyKeepsPerceptionAndDriftyLosesItOnAHundredSamplesPerTask() {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(200, 7);
        RhAuc.Result steady = rhAuc(STEADY, samples);
        RhAuc.Result drifty = rhAuc(DRIFTY, samples);
        assertThat(steady.rhAuc()).isBetween(0.6, 0.9);
        assertThat(drifty.rhAuc()).isBetween(0.1, 0.4);
        assertThat(steady.rhAuc() - drifty.rhAuc()).isGreaterThanOrEqualTo(0.25);
    }

    @Test
    void theOrderHoldsOnThirtySamplesPerTask() {
        for (long seed : new long[] {1, 2, 3}) {
            List<BenchmarkSample> samples = BenchmarkGenerator.generate(60, seed);
            RhAuc.Result steady = rhAuc(STEADY, samples);
            RhAuc.Result drifty = rhAuc(DRIFTY, samples);
            assertThat(steady.rhAuc()).as("seed " + seed).isGreaterThan(drifty.rhAuc() + 0.1);
        }
    }

    private static RhAuc.Result rhAuc(SimulatedModel model, List<BenchmarkSample> samples) {
        SceneCache scenes = new SceneCache(0);
        int[] perceptionCorrect = new int[LEVELS.length], reasoningCorrect = new int[LEVELS.length];
        int perception = 0, reasoning = 0;
        for (BenchmarkSample s : samples) {
            SeenImage image = scenes.see(s.png());
            String opened = Prompts.thinking(s);
            List<String> thinking = model.generate(opened, image, LEVELS[LEVELS.length - 1], 0, List.of("</think>")).tokens();
            boolean isPerception = s.task().equals("perception");
            if (isPerception) {
                perception++;
            } else {
                reasoning++;
            }
            for (int i = 0; i < LEVELS.length; i++) {
                String answer = model.generate(Prompts.answer(opened, thinking.subList(0, LEVELS[i])), image, 64, 0, List.of()).text();
                if (MeshJudge.correct(s, answer)) {
                    if (isPerception) {
                        perceptionCorrect[i]++;
                    } else {
                        reasoningCorrect[i]++;
                    }
                }
            }
        }
        List<RhAuc.Level> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS.length; i++) {
            levels.add(new RhAuc.Level(LEVELS[i], reasoningCorrect[i] / (double) reasoning, perceptionCorrect[i] / (double) perception));
        }
        RhAuc.Result result = RhAuc.compute(levels);
        System.out.printf("%s on %d samples: RH-AUC %.3f, levels %s%n", model.profile().name(), samples.size(), result.rhAuc(), levels);
        return result;
    }
}
