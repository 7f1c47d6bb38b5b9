package io.rhwatch.cli.mesh;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One child process of the mesh (the broker or a service), its output appended to its own log file. */
public final class ServiceProcess {

    /**
     * util-linux's setsid: a child in its own session and process group does not get the SIGINT a
     * terminal sends to the CLI's group on Ctrl-C, so the CLI alone decides when and in which order
     * its children stop (the broker must outlive the export of the judgments).
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final List<ProcessHandle> stopping = new ArrayList<>();

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code env} added to this process's environment.
     *
     * @param httpPort the port it serves HTTP on, or -1 when it has none
     */
    static ServiceProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log, int httpPort) {
        ProcessBuilder builder = new ProcessBuilder(inOwnSession(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(name, builder.start(), log, httpPort);
        } catch (IOException e) {
            throw new MeshException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
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
        return name;
    }

    public Path log() {
        return log;
    }

    public int httpPort() {
        return httpPort;
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
    synchronized void requestStop() {
        // Children are reparented once their parent exits, so collect them before anything dies.
        process.descendants().forEach(stopping::add);
        stopping.add(process.toHandle());
        stopping.forEach(ProcessHandle::destroy);
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
                System.err.println("rhwatch: " + name + " (pid " + handle.pid() + ") did not exit after SIGKILL");
            }
        }
    }

    /** The last {@code lines} lines of this process's log, for error messages. */
    public String logTail(int lines) {
        return tail(log, lines);
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
        return name + " (pid " + pid() + ")";
    }
}
