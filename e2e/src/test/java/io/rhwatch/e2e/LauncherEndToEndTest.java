package io.rhwatch.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./rhwatch up --once --samples 20}, run as a user would, from the repository root. */
class LauncherEndToEndTest {

    static final Duration LIMIT = Duration.ofMinutes(8);
    static final Pattern RUN_DIRECTORY = Pattern.compile("run directory (\\S+)");

    Path output;

    @RegisterExtension
    final LogsOnFailure logs = new LogsOnFailure(this::runLogs);

    @Test
    void upOnceJudgesTheWholeBenchmarkExitsWithZeroAndLeavesNoProcessBehind() throws Exception {
        Path home = E2e.home();
        output = E2e.newRunDir("launcher").resolve("rhwatch-up.out");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("rhwatch").toString(), "up", "--once", "--samples", "20")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // The reactor built every jar just before this module; the launcher must not start Maven inside Maven.
        builder.environment().put("RHWATCH_SKIP_BUILD", "1");
        E2e.progress("running ./rhwatch up --once --samples 20 (output: " + output + ")");
        Process launcher = builder.start();

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
        // The final table: both models complete, with their RH-AUC and per-level accuracy.
        assertThat(text).containsPattern("rh-sim-steady +\\[[^]]+] 640/640 100% done")
                .containsPattern("rh-sim-drifty +\\[[^]]+] 640/640 100% done")
                .containsPattern("RH-AUC \\d\\.\\d{3}   rh_auc_raw \\d\\.\\d{3}")
                .contains("  budget               0    50   100   150   200   300   400   600");
        assertThat(text).contains("rhwatch: stopped; this run's logs are in");
        assertThat(started).as("the broker and six services were started").hasSizeGreaterThanOrEqualTo(7);
        assertThat(started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
                .as("processes started by ./rhwatch up still alive after it exited").isEmpty();
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
            return matcher.find() ? E2e.home().resolve(matcher.group(1)).resolve("logs") : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
