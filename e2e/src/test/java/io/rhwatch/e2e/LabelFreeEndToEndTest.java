package io.rhwatch.e2e;

import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.loadtests.LabelFreeBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code load-tests/run label-free}, smaller: the whole mesh probes model-sim's six text-prior profiles with the
 * benchmark, labelled and then with the answers withheld, each pass on a mesh of its own; the label-free RH-AUC must
 * rank the profiles as the labelled one does (Spearman at least 0.9) and the unlabelled pass must leave no dead letter.
 */
class LabelFreeEndToEndTest {

    static final int SAMPLES = 60;
    static final long SEED = 7;

    static Path runs;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(LabelFreeEndToEndTest::lastLogs);

    @Test
    void theLabelFreeRhAucRanksTheSixProfilesAsTheLabelledOneDoes() throws Exception {
        runs = E2e.newRunDir("label-free");
        LabelFreeBenchmark.Outcome outcome = LabelFreeBenchmark.measure(E2e.home(), runs,
                new LabelFreeBenchmark.Settings(SAMPLES, SEED, MeshPlan.budgets()), E2e::progress);
        System.out.print(outcome.table());
        E2e.progress(outcome.resultLine() + "; dead letters of the unlabelled pass " + outcome.deadLettersByTopic());

        assertThat(outcome.rows()).hasSize(LabelFreeBenchmark.PROFILES.size())
                .allSatisfy(row -> {
                    assertThat(row.labelled()).as(row.model() + " labelled RH-AUC").isNotNull();
                    assertThat(row.labelFree()).as(row.model() + " label-free RH-AUC").isNotNull();
                });
        assertThat(outcome.spearman()).as("Spearman, label-free against labelled RH-AUC").isGreaterThanOrEqualTo(LabelFreeBenchmark.REQUIRED_SPEARMAN);
        assertThat(outcome.rows()).as("the label-free RH-AUC is the aggregator's own, from the unlabelled pass")
                .allSatisfy(row -> assertThat(row.source()).as(row.model()).isEqualTo(LabelFreeBenchmark.Source.AGGREGATOR));
        long responses = (long) SAMPLES * LabelFreeBenchmark.PROFILES.size() * (1 + LabelFreeBenchmark.CORRUPTIONS.size()) * MeshPlan.budgets().size();
        assertThat(outcome.unlabelledScored()).as("unlabelled responses judged (VERDICT_UNLABELLED)").isEqualTo(responses);
        assertThat(outcome.deadLetters()).as("dead letters of the unlabelled pass: " + outcome.deadLettersByTopic()).isZero();
    }

    private static Path lastLogs() {
        if (runs == null) {
            return null;
        }
        Path unlabelled = LabelFreeBenchmark.passDir(runs, false).resolve("logs");
        return Files.isDirectory(unlabelled) ? unlabelled : LabelFreeBenchmark.passDir(runs, true).resolve("logs");
    }
}
