package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A study with a known truth: true accuracies per budget level and task, and samples whose outcomes
 * are correlated across levels through a latent per-sample ability. Sample i draws u ~ U(0, 1); at
 * each level, with probability {@code coupling} its outcome is (u < p) and otherwise (v < p) for a
 * fresh v, so every level's accuracy is exactly p while a sample that is good at one level tends to
 * be good at all of them.
 */
record SimulatedStudy(int[] budgets, double[] reasoning, double[] perception, double coupling) {

    static final int[] BUDGETS = {0, 50, 100, 150, 200, 300, 400, 600};

    /** model-sim's "rh-sim-steady" profile at the default budgets: perception holds until late (RH-AUC about 0.75). */
    static SimulatedStudy steady() {
        return modelSim(0.92, 0.72, 2);
    }

    /** model-sim's "rh-sim-drifty" profile: perception falls early (RH-AUC about 0.3). */
    static SimulatedStudy drifty() {
        return modelSim(0.92, 0.45, 0.2);
    }

    /** Accuracy(T) = at-zero + (at-full − at-zero)·(T/600)^exponent, as model-sim plays it; reasoning 0.35 → 0.85, exponent 0.6. */
    private static SimulatedStudy modelSim(double perceptionAtZero, double perceptionAtFull, double perceptionExponent) {
        double[] reasoning = new double[BUDGETS.length];
        double[] perception = new double[BUDGETS.length];
        for (int l = 0; l < BUDGETS.length; l++) {
            double t = BUDGETS[l] / 600.0;
            reasoning[l] = 0.35 + (0.85 - 0.35) * Math.pow(t, 0.6);
            perception[l] = perceptionAtZero + (perceptionAtFull - perceptionAtZero) * Math.pow(t, perceptionExponent);
        }
        return new SimulatedStudy(BUDGETS, reasoning, perception, 0.8);
    }

    /** A trade-off like the paper's: reasoning rises with the budget, perception falls, not monotonically. */
    static SimulatedStudy tradeOff() {
        return new SimulatedStudy(new int[] {0, 100, 200, 300, 400, 600},
                new double[] {0.40, 0.47, 0.53, 0.57, 0.60, 0.62},
                new double[] {0.78, 0.73, 0.74, 0.66, 0.63, 0.60}, 0.8);
    }

    double trueRhAuc() {
        return truth().rhAuc();
    }

    double trueRhAucRaw() {
        return truth().rhAucRaw();
    }

    private RhAuc.Result truth() {
        List<RhAuc.Level> levels = new ArrayList<>();
        for (int l = 0; l < budgets.length; l++) {
            levels.add(new RhAuc.Level(budgets[l], reasoning[l], perception[l]));
        }
        return RhAuc.compute(levels);
    }

    /** A study whose perception accuracy is lower by {@code drop} at every level from {@code fromLevel} on. */
    SimulatedStudy perceptionDrop(int fromLevel, double drop) {
        double[] worse = perception.clone();
        for (int l = fromLevel; l < worse.length; l++) {
            worse[l] -= drop;
        }
        return new SimulatedStudy(budgets, reasoning, worse, coupling);
    }

    /** Per-sample latent abilities, shared by everything run on the same samples. */
    double[] abilities(int samples, SplittableRandom random) {
        double[] u = new double[samples];
        for (int i = 0; i < samples; i++) {
            u[i] = random.nextDouble();
        }
        return u;
    }

    /** Clean outcomes of {@code perTask} reasoning and {@code perTask} perception samples. */
    SampleOutcomes run(int perTask, double[] abilities, SplittableRandom random) {
        SampleOutcomes outcomes = new SampleOutcomes(2 * perTask);
        for (int i = 0; i < 2 * perTask; i++) {
            boolean isReasoning = i < perTask;
            double[] truth = isReasoning ? reasoning : perception;
            for (int l = 0; l < budgets.length; l++) {
                double draw = random.nextDouble() < coupling ? abilities[i] : random.nextDouble();
                outcomes.record("sample-" + i, isReasoning ? Task.TASK_REASONING : Task.TASK_PERCEPTION, budgets[l],
                        Corruption.CORRUPTION_NONE, draw < truth[l]);
            }
        }
        return outcomes;
    }

    /** The same study's counts per level, as the cell-wise {@link Bootstrap} sees them. */
    static List<Bootstrap.LevelCounts> counts(OutcomeTable table) {
        List<Bootstrap.LevelCounts> counts = new ArrayList<>();
        for (int l = 0; l < table.levels(); l++) {
            long[] c = new long[4];
            for (int i = 0; i < table.size(); i++) {
                OutcomeTable.Outcome o = table.outcome(i, l, Corruption.CORRUPTION_NONE);
                int at = table.task(i) == Task.TASK_REASONING ? 0 : 2;
                if (o != OutcomeTable.Outcome.MISSING) {
                    c[at]++;
                    c[at + 1] += o == OutcomeTable.Outcome.CORRECT ? 1 : 0;
                }
            }
            counts.add(new Bootstrap.LevelCounts(table.budgets()[l], c[0], c[1], c[2], c[3]));
        }
        return counts;
    }
}
