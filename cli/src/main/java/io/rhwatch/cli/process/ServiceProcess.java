package io.rhwatch.cli.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the mesh (the broker or a service), its output appended to its own log file.
 * The supervisor may {@link #relaunch() relaunch} it with the same command and environment; this handle
 * then stands for the new process. Its stdin is a pipe the launcher holds open and never writes: when the
 * launcher dies, however it dies, the pipe closes, and a child running {@link io.rhwatch.cli.watch.LauncherWatch}
 * exits.
 */
public final class ServiceProcess {

    /**
     * util-linux's setsid: a child in its own session and process group does not get the SIGINT a
     * terminal sends to the CLI's group on Ctrl-C, so the CLI alone decides when and in which order
     * its children stop (the broker must outlive the export of the judgments).
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Launch launch;
    private final List<ProcessHandle> stopping = new ArrayList<>();
    private volatile Process process;
    private volatile long startedNanos;

    private ServiceProcess(Launch launch, Process process) {
        this.launch = launch;
        this.process = process;
        this.startedNanos = System.nanoTime();
    }

    /** Starts the launch's command in its working directory with its environment added to this process's. */
    static ServiceProcess start(Launch launch) {
        return new ServiceProcess(launch, spawn(launch));
    }

    /** Starts the same command with the same environment again, once the last one exited; this handle then stands for it. */
    synchronized void relaunch() {
        if (process.isAlive()) {
            throw new IllegalStateException(this + " is still running");
        }
        process = spawn(launch);
        startedNanos = System.nanoTime();
    }

    private static Process spawn(Launch launch) {
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(launch.command()))
                .directory(launch.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()))
                // stdin stays a pipe (the default) that the launcher never closes: see the class comment
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(launch.env());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProcessException("could not start " + launch.name() + " (" + launch.command().get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The command prefixed with setsid where there is one; setsid execs it, so the pid stays the command's. */
    static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> prefixed = new ArrayList<>();
        prefixed.add(SETSID.toString());
        prefixed.addAll(command);
        return prefixed;
    }

    public String name() {
        return launch.name();
    }

    public Path log() {
        return launch.log();
    }

    public int httpPort() {
        return launch.httpPort();
    }

    /** When the current process was started ({@link System#nanoTime()}). */
    long startedNanos() {
        return startedNanos;
    }

    /** Completes when the current process exits (not one relaunched after it). */
    java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only meaningful once {@link #isAlive()} is false. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to exit by itself. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the process, and every process it started, to stop (SIGTERM), remembering them all. */
    void requestStop() {
        requestStop(false);
    }

    /** SIGTERM ({@code kill} false) or SIGKILL to the process and every process it started, remembering them all. */
    synchronized void requestStop(boolean kill) {
        // Children are reparented once their parent exits, so collect them before anything dies.
        process.descendants().forEach(stopping::add);
        stopping.add(process.toHandle());
        stopping.forEach(kill ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
    }

    /** Waits up to {@code grace} for the stop, then kills whatever is still alive and waits for it to go. */
    synchronized void awaitStop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : stopping) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
        for (ProcessHandle handle : stopping) {
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // destroyForcibly is SIGKILL: if it still runs, the OS owes us; report by name.
                System.err.println("rhwatch: " + name() + " (pid " + handle.pid() + ") did not exit after SIGKILL");
            }
        }
    }

    /** The last {@code lines} lines of this process's log, for error messages. */
    public String logTail(int lines) {
        return tail(log(), lines);
    }

    /** The last {@code lines} lines of a text file, or a note saying why there are none. */
    public static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int window = (int) Math.min(length, 64 * 1024L);
            byte[] bytes = new byte[window];
            in.seek(length - window);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(), Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name() + " (pid " + pid() + ")";
    }
}
