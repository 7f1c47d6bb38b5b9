package io.rhwatch.loadtests;

import io.rhwatch.core.mesh.MeshPlan;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code load-tests/run label-free}: {@link LabelFreeBenchmark} on {@code SAMPLES} samples (default 100) of seed
 * {@code SEED} (7), at the mesh plan's budget levels; prints the per-profile table and the RESULT line. Exit status 0
 * when Spearman is at least {@value LabelFreeBenchmark#REQUIRED_SPEARMAN} and the unlabelled pass left no dead letter.
 */
final class LabelFreeScenario {

    private LabelFreeScenario() {
    }

    static int run() throws Exception {
        int samples = Main.env("SAMPLES", 100);
        int seed = Main.env("SEED", 7);
        Path home = Path.of("").toAbsolutePath();
        Path runs = home.resolve("load-tests/target/label-free/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        LabelFreeBenchmark.Outcome outcome = LabelFreeBenchmark.measure(home, runs,
                new LabelFreeBenchmark.Settings(samples, seed, MeshPlan.budgets()), LabelFreeScenario::say);
        System.out.print(outcome.table());
        say("dead letters of the unlabelled pass: " + outcome.deadLettersByTopic() + "; logs under " + runs);
        Main.result("label-free", outcome.resultLine());
        return outcome.passed() ? 0 : 1;
    }

    private static void say(String message) {
        System.out.println("[label-free " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.now()) + "] " + message);
        System.out.flush();
    }
}
