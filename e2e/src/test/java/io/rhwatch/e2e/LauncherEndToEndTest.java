package io.rhwatch.e2e;

import io.rhwatch.cli.auth.ApiToken;
import io.rhwatch.cli.score.JudgmentRecords;
import io.rhwatch.cli.score.Scoring;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.proto.v1.Judgment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./rhwatch up --once --samples 20 --keep-judgments FILE}, run as a user would, from the
 * repository root; then the kept judgments are scored offline as {@code rhwatch score} would. And
 * {@code ./rhwatch up} without {@code --once}, stopped by a Ctrl-C as a terminal sends it, and killed with SIGKILL. Each run
 * lives in this module's target (RHWATCH_RUNS_DIR), so the developer's .rhwatch/runs is never pruned.
 */
class LauncherEndToEndTest {

    static final Duration LIMIT = Duration.ofMinutes(8);
    static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");
    /** A model's block of the final table: its progress bar line, then its RH-AUC line. */
    /** The plain summary line once a model has some judgments, e.g. "rh-sim-steady 12/640 1%". */
    static final Pattern SOME_JUDGED = Pattern.compile("rh-sim-\\S+ [1-9]\\d*/640 ");
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final Pattern MODEL_RH_AUC = Pattern.compile("(?m)^(rh-sim-\\S+) +\\[[^]]+] 640/640 100% done\\R  RH-AUC (\\S+)   rh_auc_raw (\\S+)$");

    Path output;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(this::runLogs);

    @Test
    void upOnceJudgesTheWholeBenchmarkExitsWithZeroAndLeavesNoProcessBehind() throws Exception {
        Path runDir = E2e.newRunDir("launcher");
        output = runDir.resolve("rhwatch-up.out");
        Path kept = runDir.resolve("judgments.jsonl");
        Process launcher = launch(runDir, List.of(), "up", "--once", "--samples", "20", "--keep-judgments", kept.toString());

        // Everything it starts, seen while it runs: afterwards none of them may be alive.
        Set<ProcessHandle> started = new HashSet<>();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long nextNote = 0;
        while (!launcher.waitFor(250, TimeUnit.MILLISECONDS)) {
            launcher.descendants().forEach(started::add);
            long now = System.nanoTime();
            if (now > nextNote) {
                E2e.progress("./rhwatch up: " + lastLine() + " (" + started.size() + " child processes seen)");
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            if (now > deadline) {
                launcher.destroy();
                launcher.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("./rhwatch up --once did not finish within " + LIMIT.toMinutes() + " min");
            }
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(launcher.exitValue()).as("exit status; the output:%n%s", text).isZero();
        assertThat(text).contains("rhwatch: every probe is judged: 640 judgments per model");
        Matcher announced = RUN_DIRECTORY.matcher(text);
        assertThat(announced.find()).as("the run directory is announced").isTrue();
        assertThat(E2e.home().resolve(announced.group(1)))
                .as("the run lives under RHWATCH_RUNS_DIR, not the developer's .rhwatch/runs").startsWith(runDir.resolve("runs"));
        // The final table: both models complete, with their RH-AUC and per-level accuracy.
        assertThat(text).containsPattern("rh-sim-steady +\\[[^]]+] 640/640 100% done")
                .containsPattern("rh-sim-drifty +\\[[^]]+] 640/640 100% done")
                .containsPattern("RH-AUC \\d\\.\\d{3}   rh_auc_raw \\d\\.\\d{3}")
                .contains("  budget               0    50   100   150   200   300   400   600");
        assertThat(text).contains("rhwatch: stopped; this run's logs are in");
        // The import went through the token-protected API with the token up keeps, readable by the user only.
        assertThat(text).containsPattern("rhwatch: API token: (generated in )?\\.rhwatch/token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ApiToken.file(E2e.home())))).isEqualTo("rw-------");
        assertThat(started).as("the broker and six services were started").hasSizeGreaterThanOrEqualTo(7);
        assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("processes started by ./rhwatch up still alive after it exited").isEmpty();

        // --keep-judgments: every judgment of the run, which scores offline to the RH-AUC the final table showed.
        assertThat(text).contains("kept 1280 judgments in " + kept + "; score them offline with: ./rhwatch score " + kept);
        List<Judgment> judgments = JudgmentRecords.read(kept, new AnswerJudge());
        assertThat(judgments).hasSize(1280);
        assertThat(judgments.stream().map(Judgment::getJudgmentId).distinct().count()).as("distinct judgment ids").isEqualTo(1280);
        Map<String, Scorecard> offline = Scoring.score(judgments, new Bootstrap()).stream()
                .collect(Collectors.toMap(Scorecard::model, scorecard -> scorecard));
        assertThat(offline.keySet()).containsExactlyInAnyOrder("rh-sim-steady", "rh-sim-drifty");
        Matcher table = MODEL_RH_AUC.matcher(text);
        int models = 0;
        while (table.find()) {
            Scorecard scorecard = offline.get(table.group(1));
            assertThat(scorecard.judged()).isEqualTo(640);
            assertThat(table.group(2)).as("RH-AUC of %s in the table", table.group(1)).isEqualTo(threeDecimals(scorecard.rhAuc()));
            assertThat(table.group(3)).as("rh_auc_raw of %s in the table", table.group(1)).isEqualTo(threeDecimals(scorecard.rhAucRaw()));
            models++;
        }
        assertThat(models).as("models in the final table").isEqualTo(2);
    }

    @Test
    void ctrlCOnATerminalKeepsTheJudgmentsStopsEverythingAndReportsNoFailure() throws Exception {
        assumeTrue(Files.isExecutable(SETSID), SETSID + " (util-linux) is needed to give the launcher its own process group");
        Path runDir = E2e.newRunDir("launcher-ctrl-c");
        output = runDir.resolve("rhwatch-up.out");
        Path kept = runDir.resolve("judgments.jsonl");
        // setsid: the launcher leads a process group of its own, as a shell's foreground job does.
        Process launcher = launch(runDir, List.of(SETSID.toString()), "up", "--samples", "20", "--keep-judgments", kept.toString());

        Set<ProcessHandle> started = new HashSet<>();
        awaitFirstJudgments(launcher, () -> launcher.descendants().forEach(started::add));
        launcher.descendants().forEach(started::add);

        // What a terminal does on Ctrl-C: SIGINT to every process of the foreground process group.
        E2e.progress("judgments are arriving; sending SIGINT to process group " + launcher.pid());
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -INT -%d", launcher.pid()).isZero();
        if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
            launcher.destroyForcibly();
            throw new AssertionError("./rhwatch up did not stop within 3 min of SIGINT");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(launcher.exitValue()).as("exit status after Ctrl-C (128 + SIGINT); the output:%n%s", text).isEqualTo(130);
        assertThat(text).as("the output after Ctrl-C")
                .contains("rhwatch: interrupted: stopping everything rhwatch started")
                .contains("rhwatch: stopped; this run's logs are in")
                .doesNotContain("exited with status")
                .doesNotContain("could not keep the judgments");
        Matcher keptLine = Pattern.compile("kept (\\d+) judgments in " + Pattern.quote(kept.toString())).matcher(text);
        assertThat(keptLine.find()).as("a 'kept N judgments' line in:%n%s", text).isTrue();
        int keptCount = Integer.parseInt(keptLine.group(1));
        assertThat(keptCount).as("judgments kept").isPositive();
        assertThat(JudgmentRecords.read(kept, new AnswerJudge())).hasSize(keptCount);
        assertThat(started).as("the broker and six services were started").hasSizeGreaterThanOrEqualTo(7);
        for (ProcessHandle process : started) {
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("processes started by ./rhwatch up still alive after Ctrl-C").isEmpty();
    }

    /**
     * SIGKILL, which no JVM can catch, leaves the launcher no chance to stop anything: the broker and the
     * services notice by themselves (their stdin pipe closes, the launcher-watch agent exits) and go.
     */
    @Test
    void noProcessOutlivesALauncherKilledWithSigkill() throws Exception {
        Path runDir = E2e.newRunDir("launcher-sigkill");
        output = runDir.resolve("rhwatch-up.out");
        Process launcher = launch(runDir, List.of(), "up", "--samples", "20");

        awaitFirstJudgments(launcher, () -> { });
        // Captured before the kill: afterwards they are reparented and no longer the launcher's descendants.
        List<ProcessHandle> started = launcher.descendants().toList();
        assertThat(started).as("the broker and six services").hasSizeGreaterThanOrEqualTo(7);

        E2e.progress("judgments are arriving; kill -9 " + launcher.pid() + " (the launcher's JVM: ./rhwatch execs it)");
        launcher.destroyForcibly();
        assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long exitDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (started.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < exitDeadline) {
            Thread.sleep(250);
        }
        assertThat(started.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes started by ./rhwatch up still alive 60 s after it was killed with SIGKILL").isEmpty();
    }

    /**
     * Starts {@code prefix ./rhwatch args} from the repository root, its output to {@link #output}, its run
     * directories under {@code runDir}.
     */
    /** Waits until the launcher reports judgments, running eachPoll every quarter second meanwhile. */
    private void awaitFirstJudgments(Process launcher, Runnable eachPoll) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        long nextNote = 0;
        while (!SOME_JUDGED.matcher(Files.readString(output, StandardCharsets.UTF_8)).find()) {
            eachPoll.run();
            assertThat(launcher.isAlive()).as("./rhwatch up is running; its output:%n%s", Files.readString(output)).isTrue();
            long now = System.nanoTime();
            if (now > nextNote) {
                E2e.progress("./rhwatch up: " + lastLine() + " (waiting for the first judgments)");
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            if (now > deadline) {
                launcher.destroy();
                launcher.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("no judgment within " + LIMIT.toMinutes() + " min");
            }
            Thread.sleep(250);
        }
    }

    private Process launch(Path runDir, List<String> prefix, String... args) throws IOException {
        Path home = E2e.home();
        List<String> command = new ArrayList<>(prefix);
        command.add(home.resolve("rhwatch").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // The reactor built every jar just before this module; the launcher must not start Maven inside Maven.
        builder.environment().put("RHWATCH_SKIP_BUILD", "1");
        builder.environment().put("RHWATCH_RUNS_DIR", runDir.resolve("runs").toString());
        // The launcher's own token file, as a developer gets it; not one from the shell that runs the build.
        builder.environment().remove(ApiToken.ENVIRONMENT);
        E2e.progress("running " + String.join(" ", command) + " (output: " + output + ")");
        return builder.start();
    }

    private static String threeDecimals(Double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private String lastLine() throws IOException {
        if (output == null || !Files.exists(output)) {
            return "(no output yet)";
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "(no output yet)" : lines.get(lines.size() - 1);
    }

    /** The logs of the run the launcher made, as it announced its run directory. */
    private Path runLogs() {
        try {
            Matcher matcher = RUN_DIRECTORY.matcher(Files.readString(output, StandardCharsets.UTF_8));
            // Under RHWATCH_RUNS_DIR the launcher shows the absolute path; resolve leaves that as it is.
            return matcher.find() ? E2e.home().resolve(matcher.group(1)).resolve("logs") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
