package io.rhwatch.aggregator.regression;

import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.RegressionFinding;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RegressionRuleTest {

    private static final int[] BUDGETS = {0, 100, 200, 400, 600};
    /** Roughly model-sim's steady profile: perception holds, reasoning grows with the budget. */
    private static final double[] PERCEPTION = {0.86, 0.85, 0.84, 0.83, 0.82};
    private static final double[] REASONING = {0.35, 0.50, 0.62, 0.72, 0.78};

    private final RegressionRule rule = new RegressionRule(RegressionSettings.of(Duration.ofHours(1), 0.05, 50, 0.05));

    @Test
    void aClearDropAtSomeLevelsIsFoundLargestFirstWithItsInterval() {
        ModelTally baseline = counts(Task.TASK_PERCEPTION, 0, 170, 200);
        baseline = add(baseline, Task.TASK_PERCEPTION, 600, 160, 200);
        ModelTally current = counts(Task.TASK_PERCEPTION, 0, 168, 200);
        current = add(current, Task.TASK_PERCEPTION, 600, 100, 200);

        RegressionRule.Comparison comparison = rule.compare(baseline, current, RegressionRule.Look.complete(1));

        assertThat(comparison.compared()).isEqualTo(2);
        assertThat(comparison.findings()).hasSize(1);
        RegressionFinding finding = comparison.findings().get(0);
        assertThat(finding.getMetric()).isEqualTo("perception_accuracy");
        assertThat(finding.getBudget()).isEqualTo(600);
        assertThat(finding.getDifference()).isCloseTo(-0.30, within(1e-12));
        assertThat(finding.getDifferenceCi().getHigh()).isNegative();
        assertThat(finding.getDifferenceCi().getLow()).isLessThan(-0.30);
        assertThat(finding.getBaselineN()).isEqualTo(200);
        assertThat(finding.getCurrentN()).isEqualTo(200);
    }

    @Test
    void aDropBelowTheMarginOrWithTooFewSamplesOrWithinTheNoiseIsNotARegression() {
        // 4 points lower on 5,000 a side: significant, but under the 5-point margin.
        assertThat(rule.compare(counts(Task.TASK_REASONING, 200, 4000, 5000), counts(Task.TASK_REASONING, 200, 3800, 5000), RegressionRule.Look.complete(1))
                .regressed()).isFalse();
        // 40 points lower, but 49 judged in the current window: not compared at all.
        RegressionRule.Comparison few = rule.compare(counts(Task.TASK_REASONING, 200, 40, 50), counts(Task.TASK_REASONING, 200, 10, 49), RegressionRule.Look.complete(1));
        assertThat(few.compared()).isZero();
        assertThat(few.regressed()).isFalse();
        // 10 points lower on 60 a side: above the margin, but the interval includes zero.
        assertThat(rule.compare(counts(Task.TASK_REASONING, 200, 48, 60), counts(Task.TASK_REASONING, 200, 42, 60), RegressionRule.Look.complete(1))
                .regressed()).isFalse();
        // Corrupted probes are not what the rule compares.
        assertThat(rule.compare(ModelTally.getDefaultInstance(), ModelTally.getDefaultInstance(), RegressionRule.Look.complete(1)).compared()).isZero();
    }

    /**
     * The quiet run: a steady model, the growing current window compared as the detector compares it (whenever its
     * count has doubled since the last look, and at a complete window). Prints the share of window pairs that raised
     * a false alarm.
     */
    @Test
    void aSteadyModelComparedAfterEverySampleRarelyRaisesAFalseAlarm() {
        SplittableRandom random = new SplittableRandom(11);
        int pairs = 300;
        int samplesPerWindow = 150;
        int alarms = 0;
        for (int pair = 0; pair < pairs; pair++) {
            ModelTally baseline = window(random, samplesPerWindow, PERCEPTION);
            Looks looks = new Looks();
            boolean alarmed = false;
            for (int sample = 0; sample < samplesPerWindow && !alarmed; sample++) {
                alarmed = looks.add(sample(random, looks.current, PERCEPTION), baseline);
            }
            alarmed = alarmed || looks.complete(baseline);
            alarms += alarmed ? 1 : 0;
        }
        double rate = (double) alarms / pairs;
        System.out.printf("steady model, %d window pairs of %d samples a task, compared as the detector does: false alarms %d (%.3f)%n",
                pairs, samplesPerWindow, alarms, rate);
        // α (0.05) bounds it; the margin keeps it well below: the target is at most 2% of windows (the simulation test measures it)
        assertThat(rate).isLessThanOrEqualTo(0.02);
    }

    /** The same comparison finds a bad deploy, perception 12 points lower from budget 200 on, in windows of 300 samples a task. */
    @Test
    void aBadDeployIsFoundWithinAWindow() {
        SplittableRandom random = new SplittableRandom(12);
        double[] worse = PERCEPTION.clone();
        for (int l = 2; l < worse.length; l++) {
            worse[l] -= 0.12;
        }
        int pairs = 100;
        int found = 0;
        long samplesToDetection = 0;
        for (int pair = 0; pair < pairs; pair++) {
            ModelTally baseline = window(random, 300, PERCEPTION);
            Looks looks = new Looks();
            for (int sample = 1; sample <= 300; sample++) {
                if (looks.add(sample(random, looks.current, worse), baseline)) {
                    found++;
                    samplesToDetection += sample;
                    break;
                }
                if (sample == 300 && looks.complete(baseline)) {
                    found++;
                    samplesToDetection += sample;
                }
            }
        }
        System.out.printf("perception -12 points from L200: found in %d of %d windows, after %.0f samples a task on average%n",
                found, pairs, (double) samplesToDetection / Math.max(1, found));
        assertThat(found).isGreaterThanOrEqualTo(80);
    }

    @Test
    void theNormalQuantileMatchesKnownValues() {
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-12));
        assertThat(NormalQuantile.of(1 - 0.05 / 20)).isCloseTo(2.807033768343811, within(1e-8));
        assertThat(NormalQuantile.of(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
    }

    /** The detector's looks at a growing window. */
    private final class Looks {
        ModelTally current = ModelTally.getDefaultInstance();
        int taken;
        long next;

        /** Grows the window to {@code window}; true when this made a look that found a regression. */
        boolean add(ModelTally window, ModelTally baseline) {
            current = window;
            if (current.getJudged() < next) {
                return false;
            }
            RegressionRule.Comparison comparison = rule.compare(baseline, current, RegressionRule.Look.growing(taken, 1));
            if (comparison.compared() > 0) {
                taken++;
                next = 2 * current.getJudged();
            }
            return comparison.regressed();
        }

        /** The last look, when the window is complete. */
        boolean complete(ModelTally baseline) {
            return rule.compare(baseline, current, RegressionRule.Look.complete(1)).regressed();
        }
    }

    /** A window of {@code samples} reasoning and perception samples, each answered at every budget. */
    private static ModelTally window(SplittableRandom random, int samples, double[] perception) {
        ModelTally tally = ModelTally.getDefaultInstance();
        for (int s = 0; s < samples; s++) {
            tally = sample(random, tally, perception);
        }
        return tally;
    }

    /** One reasoning and one perception sample, each judged at every budget. */
    private static ModelTally sample(SplittableRandom random, ModelTally tally, double[] perception) {
        for (int l = 0; l < BUDGETS.length; l++) {
            tally = Tallies.add(tally, judgment(Task.TASK_PERCEPTION, BUDGETS[l], random.nextDouble() < perception[l]));
            tally = Tallies.add(tally, judgment(Task.TASK_REASONING, BUDGETS[l], random.nextDouble() < REASONING[l]));
        }
        return tally;
    }

    private static ModelTally counts(Task task, int budget, int correct, int judged) {
        return add(ModelTally.getDefaultInstance(), task, budget, correct, judged);
    }

    private static ModelTally add(ModelTally tally, Task task, int budget, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            tally = Tallies.add(tally, judgment(task, budget, i < correct));
        }
        return tally;
    }

    private static Judgment judgment(Task task, int budget, boolean correct) {
        return Judgment.newBuilder().setModel("m").setSample(SampleRef.newBuilder().setTask(task)).setBudget(budget)
                .setVerdict(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT).build();
    }
}
