package io.rhwatch.cli.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The supervisor's restarts, with real child processes. */
class SupervisorRestartTest {

    /** Fast, so a test sees several restarts within seconds; the policy itself is tested in RestartPolicyTest. */
    static final RestartPolicy.Settings QUICK = new RestartPolicy.Settings(Duration.ofMillis(100), Duration.ofMillis(400),
            Duration.ofMinutes(1), 3);

    @TempDir
    Path dir;

    final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void aChildKilledWithSigkillIsRestartedWithTheSameCommandAndTheRestartIsToldWithItsExitStatus() throws Exception {
        ServiceProcess child;
        try (Supervisor supervisor = new Supervisor(events::add, QUICK)) {
            child = supervisor.start(launch("sleeper", "echo started >> runs; exec sleep 600"));
            long firstPid = child.pid();
            awaitTrue(() -> read("runs").lines().count() == 1, "the first run started");

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

            awaitTrue(() -> supervisor.restarts().get(0).count() == 1 && child.isAlive(), "the restart");
            assertThat(child.pid()).as("the handle stands for the new process").isNotEqualTo(firstPid);
            awaitTrue(() -> read("runs").lines().count() == 2, "the second run started");
            assertThat(supervisor.restarts()).containsExactly(new Supervisor.Restarts("sleeper", 1, 137, true));
            assertThat(events).anyMatch(e -> e.startsWith("sleeper (pid " + firstPid + ") exited with status 137; restarting it in 0.1 s (restart 1)"));
            assertThat(events).contains("restarted sleeper (now pid " + child.pid() + ", restart 1)");
            supervisor.checkRunning();
        }
        assertThat(child.isAlive()).as("the restarted child is stopped by close").isFalse();
    }

    @Test
    void aChildThatKeepsExitingIsAFailureOnceItCrashLoops() throws Exception {
        try (Supervisor supervisor = new Supervisor(events::add, QUICK)) {
            supervisor.start(launch("crasher", "echo 'cannot bind the port' >&2; exit 9"));

            awaitTrue(() -> {
                try {
                    supervisor.checkRunning();
                    return false;
                } catch (ProcessException gaveUp) {
                    return true;
                }
            }, "the supervisor to give up");

            assertThatThrownBy(supervisor::checkRunning).isInstanceOf(ProcessException.class)
                    .hasMessageContaining("crasher exited 3 times in a row within 60 s of its start (last exit status 9): a crash loop")
                    .hasMessageContaining("cannot bind the port");
            assertThat(supervisor.restarts()).containsExactly(new Supervisor.Restarts("crasher", 2, 9, false));
            assertThat(events).contains("crasher exited with status 9; it crash-loops, giving up");
        }
    }

    @Test
    void aChildStoppedByCloseIsNotRestarted() throws Exception {
        Supervisor supervisor = new Supervisor(events::add, QUICK);
        ServiceProcess child = supervisor.start(launch("sleeper", "exec sleep 600"));
        supervisor.close();
        Thread.sleep(QUICK.maxBackoff().toMillis() * 2);

        assertThat(child.isAlive()).isFalse();
        assertThat(supervisor.restarts()).containsExactly(new Supervisor.Restarts("sleeper", 0, null, true));
        assertThat(events).noneMatch(e -> e.contains("restart"));
    }

    @Test
    void aRetiredChildIsNotRestartedWhetherItWasStoppedOrKilledAndTheOthersStillAre() throws Exception {
        try (Supervisor supervisor = new Supervisor(events::add, QUICK)) {
            ServiceProcess leaving = supervisor.start(launch("leaving", "exec sleep 600"));
            ServiceProcess crashing = supervisor.start(launch("crashing", "exec sleep 600"));
            ServiceProcess staying = supervisor.start(launch("staying", "exec sleep 600"));

            supervisor.retire(leaving, false);
            supervisor.retire(crashing, true);
            Thread.sleep(QUICK.maxBackoff().toMillis() * 2);

            assertThat(leaving.isAlive()).isFalse();
            assertThat(crashing.isAlive()).isFalse();
            assertThat(supervisor.restarts()).containsExactly(new Supervisor.Restarts("leaving", 0, 143, false),
                    new Supervisor.Restarts("crashing", 0, 137, false), new Supervisor.Restarts("staying", 0, null, true));
            assertThat(events).noneMatch(e -> e.contains("restart"));
            supervisor.checkRunning();

            long stayingPid = staying.pid();
            ProcessHandle.of(stayingPid).orElseThrow().destroyForcibly();
            awaitTrue(() -> supervisor.restarts().get(2).count() == 1 && staying.isAlive(), "the restart of the one not retired");
        }
    }

    private Launch launch(String name, String script) {
        return new Launch(name, List.of("sh", "-c", script), Map.of(), dir, dir.resolve(name + ".log"), Launch.NO_HTTP);
    }

    private String read(String file) {
        try {
            Path path = dir.resolve(file);
            return Files.exists(path) ? Files.readString(path) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
