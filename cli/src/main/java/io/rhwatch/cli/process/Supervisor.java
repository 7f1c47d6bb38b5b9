package io.rhwatch.cli.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts processes, waits until they are ready, restarts one that exits, and stops them all: the
 * processes started last stop first, together, before the ones before them. A process that exits while
 * running is started again with the same command and environment after a backoff ({@link RestartPolicy});
 * only a crash loop makes {@link #checkRunning()} fail, so the caller stops everything with a clear message.
 * Thread-safe: a shutdown hook may close it while another thread is still starting processes, which then
 * fails instead.
 */
public final class Supervisor implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    /** Enough of a health answer to show which check is down and why. */
    private static final int READINESS_ANSWER_CHARS = 800;

    /** How often one process was restarted, the status its last run exited with, and whether it runs now. */
    public record Restarts(String name, int count, Integer lastExitStatus, boolean running) {
    }

    private final Consumer<String> progress;
    private final RestartPolicy.Settings restartSettings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Processes in the groups they were started in; stopped from the last group back to the first. */
    private final List<List<ServiceProcess>> groups = new ArrayList<>();
    private final Map<ServiceProcess, RestartPolicy> policies = new HashMap<>();
    private final Map<ServiceProcess, Restarts> restarts = new LinkedHashMap<>();
    private final ScheduledExecutorService restarter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rhwatch-restarts");
        thread.setDaemon(true);
        return thread;
    });
    /** Processes stopped for good ({@link #retire}): their exit is no reason to restart them. */
    private final Set<ServiceProcess> retired = new HashSet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;
    /** Set when a process crash-looped: the reason the whole mesh has to stop. */
    private ProcessException gaveUp;

    /** @param progress where each start, exit and restart is told */
    public Supervisor(Consumer<String> progress) {
        this(progress, RestartPolicy.Settings.DEFAULT);
    }

    public Supervisor(Consumer<String> progress, RestartPolicy.Settings restartSettings) {
        this.progress = progress;
        this.restartSettings = restartSettings;
    }

    /** Starts one process as a group of its own: it outlives everything started after it. */
    public ServiceProcess start(Launch launch) {
        return startAll(List.of(launch)).get(0);
    }

    /** Starts the processes as one group: they stop together, before any started earlier. */
    public synchronized List<ServiceProcess> startAll(List<Launch> launches) {
        if (closed) {
            throw new ProcessException("stopped while starting");
        }
        List<ServiceProcess> group = new ArrayList<>();
        groups.add(group);
        for (Launch launch : launches) {
            ServiceProcess process = ServiceProcess.start(launch);
            group.add(process);
            policies.put(process, new RestartPolicy(restartSettings));
            restarts.put(process, new Restarts(process.name(), 0, null, true));
            watch(process);
        }
        return List.copyOf(group);
    }

    private void watch(ServiceProcess process) {
        long started = process.startedNanos();
        process.onExit().thenAccept(exited -> exited(process, started, exited.exitValue()));
    }

    /** One run of {@code process} ended: schedule its restart, or give up on a crash loop. */
    private synchronized void exited(ServiceProcess process, long startedNanos, int status) {
        if (closed) {
            return;
        }
        Restarts before = restarts.get(process);
        restarts.put(process, new Restarts(process.name(), before.count(), status, false));
        if (retired.contains(process)) {
            progress.accept(process.name() + " (pid " + process.pid() + ") stopped for good with status " + status);
            return;
        }
        RestartPolicy.Decision decision = policies.get(process).onExit(startedNanos, System.nanoTime());
        if (decision.giveUp()) {
            gaveUp = new ProcessException(process.name() + " exited " + decision.quickExitsInARow() + " times in a row within "
                    + restartSettings.stableAfter().toSeconds() + " s of its start (last exit status " + status
                    + "): a crash loop, so rhwatch stops; the end of " + process.log() + ":\n" + process.logTail(LOG_TAIL_LINES));
            progress.accept(process.name() + " exited with status " + status + "; it crash-loops, giving up");
            return;
        }
        progress.accept(process.name() + " (pid " + process.pid() + ") exited with status " + status + "; restarting it in "
                + decision.delay().toMillis() / 1000.0 + " s (restart " + (before.count() + 1) + ")");
        restarter.schedule(() -> restart(process), decision.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(ServiceProcess process) {
        if (closed || retired.contains(process)) {
            return; // retired between its exit and this scheduled restart
        }
        Restarts before = restarts.get(process);
        try {
            process.relaunch();
        } catch (ProcessException e) {
            gaveUp = e;
            progress.accept("could not restart " + process.name() + ": " + e.getMessage());
            return;
        }
        restarts.put(process, new Restarts(process.name(), before.count() + 1, before.lastExitStatus(), true));
        progress.accept("restarted " + process.name() + " (now pid " + process.pid() + ", restart " + (before.count() + 1) + ")");
        watch(process);
    }

    /**
     * Stops {@code process} for good, so it is not restarted: {@code kill} false = SIGTERM, then SIGKILL after the
     * grace period (it shuts down cleanly); true = SIGKILL at once (it crashes). Its descendants too. Returns once it
     * is gone.
     */
    public void retire(ServiceProcess process, boolean kill) {
        synchronized (this) {
            retired.add(process);
        }
        process.requestStop(kill);
        process.awaitStop(STOP_GRACE);
    }

    /** Every process's restarts so far, in start order. */
    public synchronized List<Restarts> restarts() {
        return List.copyOf(restarts.values());
    }

    /**
     * Waits until every process answers its readiness check ({@code GET /q/health/ready} on its HTTP
     * port with 200), failing with the end of its log as soon as one exits.
     */
    public void awaitReady(List<ServiceProcess> processes, Duration timeout, String logs) {
        List<ServiceProcess> pending = new ArrayList<>(processes);
        Map<ServiceProcess, String> lastAnswers = new LinkedHashMap<>();
        progress.accept("waiting for " + names(pending) + " to be ready (logs in " + logs + ") ...");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextNote = start + TimeUnit.SECONDS.toNanos(20);
        while (!pending.isEmpty()) {
            for (ServiceProcess process : List.copyOf(pending)) {
                checkRunning(process, "while starting");
                HttpResponse<String> answer = readiness(process);
                if (answer != null && answer.statusCode() == 200) {
                    pending.remove(process);
                    progress.accept("ready: " + process.name() + " on http://localhost:" + process.httpPort()
                            + " (" + secondsSince(start) + ")");
                } else if (answer != null) {
                    lastAnswers.put(process, answer.statusCode() + " " + answer.body().replaceAll("\\s+", " ").strip());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new ProcessException("not ready within " + timeout.toSeconds() + " s: "
                        + pending.stream().map(p -> p.name() + " (its /q/health/ready: "
                                + abbreviate(lastAnswers.getOrDefault(p, "never answered")) + ")").collect(Collectors.joining(", "))
                        + "\n" + tails(pending));
            }
            if (now > nextNote) {
                progress.accept("still waiting for " + names(pending) + " (" + secondsSince(start) + ")");
                nextNote = now + TimeUnit.SECONDS.toNanos(20);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessException("interrupted while waiting for " + names(pending));
            }
        }
    }

    /** The answer of the process's readiness check, or null while it does not listen yet. */
    private HttpResponse<String> readiness(ServiceProcess process) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + process.httpPort() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for " + process.name());
        }
    }

    /**
     * Fails when a process crash-looped (with its last exit status and the end of its log), or once
     * stopped. A process that exited and is waiting for its restart is not a failure.
     */
    public synchronized void checkRunning() {
        if (closed) {
            throw new ProcessException("stopped while running");
        }
        if (gaveUp != null) {
            throw gaveUp;
        }
    }

    private synchronized void checkRunning(ServiceProcess process, String when) {
        if (closed) {
            throw new ProcessException("stopped " + when);
        }
        if (!process.isAlive()) {
            throw new ProcessException(process.name() + " exited with status " + process.exitValue() + " " + when
                    + "; the end of " + process.log() + ":\n" + process.logTail(LOG_TAIL_LINES));
        }
    }

    /** Every process started so far, in start order. */
    public synchronized List<ServiceProcess> processes() {
        return groups.stream().flatMap(List::stream).toList();
    }

    /**
     * Stops every process, the last group first: SIGTERM, a grace period, then SIGKILL, descendants
     * included. Idempotent; a second caller waits until the first has stopped them all.
     */
    @Override
    public void close() {
        List<List<ServiceProcess>> toStop;
        synchronized (this) {
            if (closed) {
                toStop = null;
            } else {
                closed = true;
                restarter.shutdownNow();
                toStop = new ArrayList<>(groups);
            }
        }
        if (toStop == null) {
            awaitStopped();
            return;
        }
        try {
            int count = toStop.stream().mapToInt(List::size).sum();
            if (count > 0) {
                progress.accept("stopping " + count + (count == 1 ? " process" : " processes") + " ...");
            }
            for (int i = toStop.size() - 1; i >= 0; i--) {
                List<ServiceProcess> group = toStop.get(i);
                group.forEach(ServiceProcess::requestStop);
                group.forEach(process -> process.awaitStop(STOP_GRACE));
            }
        } finally {
            stopped.countDown();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String names(List<ServiceProcess> processes) {
        return processes.stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    }

    private static String tails(List<ServiceProcess> processes) {
        return processes.stream()
                .map(p -> "--- the end of " + p.log() + " ---\n" + p.logTail(LOG_TAIL_LINES))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String text) {
        return text.length() <= READINESS_ANSWER_CHARS ? text : text.substring(0, READINESS_ANSWER_CHARS) + " …";
    }

    /** "12.3 s" since {@code startNanos} ({@link System#nanoTime()}), for progress lines. */
    public static String secondsSince(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
