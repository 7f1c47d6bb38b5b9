package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VersionComparisonTest {

    @Test
    void aVersionComparedWithItselfDiffersByNothing() {
        SplittableRandom random = new SplittableRandom(1);
        SimulatedStudy study = SimulatedStudy.drifty();
        OutcomeTable table = study.run(100, study.abilities(200, random), random).snapshot();

        VersionComparison.Result result = new VersionComparison(200, 3).compare(table, table);

        assertThat(result.shared()).isEqualTo(200);
        assertThat(result.sharedReasoning()).isEqualTo(100);
        assertThat(result.sharedPerception()).isEqualTo(100);
        assertThat(result.rhAuc().difference()).isZero();
        assertThat(result.rhAuc().ci()).isEqualTo(new Interval(0, 0));
        assertThat(result.rhAuc().pValue()).isEqualTo(1.0);
        assertThat(result.levels()).hasSize(2 * SimulatedStudy.BUDGETS.length)
                .allSatisfy(level -> assertThat(level.pValue()).isEqualTo(1.0));
    }

    @Test
    void onlyTheSamplesBothHaveSeenAreCompared() {
        SampleOutcomes a = new SampleOutcomes(100);
        SampleOutcomes b = new SampleOutcomes(100);
        for (int i = 0; i < 60; i++) {
            Task task = i % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
            for (int budget : new int[] {0, 100}) {
                if (i < 40) {
                    a.record("s" + i, task, budget, Corruption.CORRUPTION_NONE, (i + budget) % 3 == 0);
                }
                if (i >= 20) {
                    b.record("s" + i, task, budget, Corruption.CORRUPTION_NONE, i % 4 == 0);
                }
            }
        }
        VersionComparison.Result result = new VersionComparison(100, 3).compare(a.snapshot(), b.snapshot());
        assertThat(result.shared()).isEqualTo(20);
        assertThat(result.levels()).allSatisfy(level -> assertThat(level.pairs()).isEqualTo(10));
    }

    @Test
    void midPMcNemarMatchesHandComputedValues() {
        // 5 against 1 discordant: 2 (P(X=0) + P(X=1)/2) for Binomial(6, 1/2) = 2 (1 + 3) / 64.
        assertThat(VersionComparison.midPMcNemar(5, 1)).isCloseTo(8.0 / 64, within(1e-12));
        assertThat(VersionComparison.midPMcNemar(3, 3)).isEqualTo(1.0);
        assertThat(VersionComparison.midPMcNemar(0, 0)).isEqualTo(1.0);
        // Large counts do not underflow: 600 against 400 is far out in the tail, but not zero.
        assertThat(VersionComparison.midPMcNemar(600, 400)).isBetween(1e-12, 1e-8);
    }

    /**
     * The comparison's p-values by simulation. Under the null, B is the same model as A: its outcomes
     * are drawn from the same law given each sample's ability, so about 5% of 300 studies may reject
     * at 0.05. Under a real difference (B loses 10 points of perception from 200 tokens on) most
     * should. 300 reasoning and 300 perception samples, 500 resamples and 500 sign flips each.
     */
    @Test
    void theSignFlipTestHoldsItsSizeAndFindsARealDrop() {
        SimulatedStudy a = SimulatedStudy.steady();
        SimulatedStudy worse = a.perceptionDrop(4, 0.10);
        double trueDelta = a.trueRhAuc() - worse.trueRhAuc();
        double trueRawDelta = a.trueRhAucRaw() - worse.trueRhAucRaw();
        SplittableRandom random = new SplittableRandom(77);
        int studies = 300;
        int[] nullRejections = new int[3];
        int[] powerRejections = new int[3];
        int covered = 0;
        int coveredRaw = 0;
        for (int s = 0; s < studies; s++) {
            double[] abilities = a.abilities(600, random);
            OutcomeTable tableA = a.run(300, abilities, random).snapshot();
            OutcomeTable same = a.run(300, abilities, random).snapshot();
            OutcomeTable dropped = worse.run(300, abilities, random).snapshot();
            VersionComparison comparison = new VersionComparison(500, s);
            VersionComparison.Result nul = comparison.compare(tableA, same);
            VersionComparison.Result real = comparison.compare(tableA, dropped);
            count(nul, nullRejections);
            count(real, powerRejections);
            covered += real.rhAuc().ci().contains(trueDelta) ? 1 : 0;
            coveredRaw += real.rhAucRaw().ci().contains(trueRawDelta) ? 1 : 0;
        }
        System.out.printf("comparison under the null: rejections at 0.05 of ΔRH-AUC %.3f, Δrh_auc_raw %.3f, Δaccuracy (perception, 600) %.3f%n",
                nullRejections[0] / (double) studies, nullRejections[1] / (double) studies, nullRejections[2] / (double) studies);
        System.out.printf("comparison with a real drop (ΔRH-AUC %.3f, Δraw %.3f): power %.3f, %.3f, %.3f; interval coverage %.3f, %.3f%n",
                trueDelta, trueRawDelta, powerRejections[0] / (double) studies, powerRejections[1] / (double) studies,
                powerRejections[2] / (double) studies, covered / (double) studies, coveredRaw / (double) studies);
        for (int k = 0; k < 3; k++) {
            assertThat(nullRejections[k] / (double) studies).as("size of test %d", k).isBetween(0.02, 0.08);
        }
        assertThat(powerRejections[1] / (double) studies).as("power for rh_auc_raw").isGreaterThan(0.8);
        assertThat(powerRejections[2] / (double) studies).as("power for perception at 600").isGreaterThan(0.8);
    }

    private static void count(VersionComparison.Result result, int[] rejections) {
        rejections[0] += result.rhAuc().pValue() < 0.05 ? 1 : 0;
        rejections[1] += result.rhAucRaw().pValue() < 0.05 ? 1 : 0;
        VersionComparison.LevelDelta last = result.levels().stream()
                .filter(l -> l.budget() == 600 && l.task() == Task.TASK_PERCEPTION).findFirst().orElseThrow();
        rejections[2] += last.pValue() < 0.05 ? 1 : 0;
    }
}
