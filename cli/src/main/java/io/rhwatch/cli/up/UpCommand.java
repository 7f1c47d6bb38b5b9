package io.rhwatch.cli.up;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.auth.ApiToken;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.IngestionClient;
import io.rhwatch.cli.client.ServiceException;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshException;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.process.ProcessException;
import io.rhwatch.cli.score.ExportJudgmentsCommand;
import io.rhwatch.core.Labels;
import io.rhwatch.core.mesh.MeshPlan;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.ExitCode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code rhwatch up}: starts the mesh, imports the synthetic benchmark and shows the live table until
 * Ctrl-C, or with {@code --once} until every probe is judged; with {@code --keep-judgments FILE} it
 * then exports the run's judgments for {@code rhwatch score}. Whatever happens, every process it
 * started is stopped before it exits.
 */
public final class UpCommand {

    /** What a shell reports for a run ended by Ctrl-C (128 + SIGINT). */
    static final int INTERRUPTED = 130;
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration PLAIN_OUTPUT_EVERY = Duration.ofSeconds(5);
    private static final Duration PLAIN_OUTPUT_UNCHANGED = Duration.ofSeconds(30);
    /** With --once and dead letters, this long without a new judgment means the rest will never come. */
    private static final Duration STALLED_AFTER = Duration.ofSeconds(90);
    /** Reading rh.judgments of a local run to its end takes seconds; this long means the broker is in trouble. */
    private static final Duration KEEP_TIMEOUT = Duration.ofMinutes(2);
    /** Every start, exit and restart the supervisor reports, timestamped, in the run's logs/. */
    static final String EVENTS_LOG = "supervisor.log";

    private final UpOptions options;
    private final Path home;
    private final Path runs;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final LiveTable table;
    private final long startNanos = System.nanoTime();
    /** Guarded by this: the main thread and the shutdown hook may both ask; the second waits for the first. */
    private boolean judgmentsKept;
    /** The broker, the services and the benchmark are up: from here on there are judgments to keep. */
    private volatile boolean meshStarted;
    /**
     * Ctrl-C (or SIGTERM) arrived: the shutdown hook exports and stops the mesh, so the main thread
     * neither reports the services it stops as failures nor stops them itself.
     */
    private volatile boolean stopping;
    /** The table is redrawn in place: a line printed now would break it, so the mesh's events go to {@link #eventsLog}. */
    private volatile boolean tableShown;
    private Path eventsLog;

    /**
     * @param runs     where each run gets its directory; all but the latest {@value UpOptions#RUNS_KEPT} there are deleted
     * @param terminal redraw the table in place (ANSI); otherwise print a summary line every few seconds
     * @param unicode  the output can show block characters
     */
    public UpCommand(UpOptions options, Path home, Path runs, PrintStream out, PrintStream err, boolean terminal, boolean unicode) {
        this.options = options;
        this.home = home;
        this.runs = runs;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.table = new LiveTable(unicode);
    }

    public int run() {
        Path runDir;
        try {
            runDir = RunDirectory.create(runs, LocalDateTime.now());
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            err.println("rhwatch: could not create the run directory under " + runs + ": " + e.getMessage());
            return ExitCode.SOFTWARE;
        }
        // Kafka's clients log through SLF4J; their warnings belong in the run's log, not over the table.
        System.setProperty("org.slf4j.simpleLogger.logFile", runDir.resolve("logs").resolve("rhwatch.log").toString());
        say("run directory " + shown(runDir) + " (one log per process in logs/)");

        ApiToken token;
        try {
            token = ApiToken.resolve(System.getenv(), ApiToken.file(home));
        } catch (IOException | IllegalArgumentException e) {
            err.println("rhwatch: no API token: " + e.getMessage());
            return ExitCode.SOFTWARE;
        }
        say(switch (token.source()) {
            case ENVIRONMENT -> "API token: from $" + ApiToken.ENVIRONMENT;
            case FILE_CREATED -> "API token: generated in " + shown(token.file()) + " (readable by you only; writes send it as "
                    + "'Authorization: Bearer <token>')";
            case FILE_READ -> "API token: " + shown(token.file()) + " (writes send it as 'Authorization: Bearer <token>')";
        });

        MeshOptions meshOptions = MeshOptions.defaults(home, runDir)
                .withAggregatorPort(options.port())
                .withProbes(options.budgets(), options.corruptions())
                .withAuthToken(token.value())
                .withListenAddress(options.listenAddress());
        if (options.otlpEndpoint() != null) {
            meshOptions = meshOptions.withTracing(options.otlpEndpoint());
        }
        eventsLog = runDir.resolve("logs").resolve(EVENTS_LOG);
        Mesh mesh = new Mesh(meshOptions, this::meshEvent);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            if (!mesh.isClosed()) {
                out.println();
                say("interrupted: stopping everything rhwatch started");
                keepJudgments(mesh);
                mesh.close();
                say("stopped; this run's logs are in " + mesh.logsDir());
            } else {
                mesh.close(); // the main thread is stopping the mesh: wait for it, the JVM must not halt halfway
            }
        }, "rhwatch-stop"));

        try {
            int samples = start(mesh);
            meshStarted = true;
            int status = watch(mesh, samples);
            return keepJudgments(mesh) ? status : ExitCode.SOFTWARE;
        } catch (MeshException | ProcessException | IOException | UncheckedIOException e) {
            if (stopping || mesh.isClosed()) {
                return INTERRUPTED;
            }
            err.println("rhwatch: " + e.getMessage());
            return ExitCode.SOFTWARE;
        } finally {
            if (!stopping && !mesh.isClosed()) {
                boolean started = !mesh.processes(true).isEmpty();
                mesh.close();
                if (started) {
                    say("stopped; this run's logs are in " + mesh.logsDir());
                }
            }
        }
    }

    /** Starts the mesh and imports the benchmark; returns how many samples were accepted. */
    private int start(Mesh mesh) throws IOException {
        mesh.start();
        if (!mesh.options().listenAddress().equals(MeshOptions.LOOPBACK) && !mesh.options().listenAddress().equals("localhost")) {
            say("listening on every interface (" + mesh.options().listenAddress() + "): other machines can reach the services");
        }
        say("aggregator API: " + mesh.aggregatorUrl() + "/v1/models (and /v1/models/{model}/curve)");
        say("ingestion API: " + mesh.ingestionUrl() + "/v1/samples, /v1/imports");
        say("models: " + String.join(", ", mesh.options().models()) + ", played by model-sim (a simulator, not a real model)"
                + " over Triton's gRPC protocol");

        say("generating the synthetic benchmark: " + options.samples() + " samples, seed " + options.seed() + " ...");
        Path dataset = BenchmarkWriter.write(mesh.importRoot().resolve("benchmark"),
                BenchmarkGenerator.generate(options.samples(), options.seed()));
        say("importing " + shown(dataset) + " through the ingestion service ...");
        IngestionClient.ImportResult imported = new IngestionClient(mesh.ingestionUrl(), mesh.options().authToken()).importFile(dataset);
        String rejected = imported.rejected().isEmpty() ? "" : ", rejected " + imported.rejected().size()
                + " (first: " + describe(imported.rejected().get(0)) + ")";
        say("imported " + imported.accepted() + " samples" + rejected);
        if (imported.accepted() == 0) {
            throw new MeshException("the ingestion service accepted none of the benchmark's samples" + rejected);
        }
        return imported.accepted();
    }

    private int watch(Mesh mesh, int samples) {
        MeshOptions meshOptions = mesh.options();
        long total = (long) samples * meshOptions.judgmentsPerSample();
        List<String> probeKinds = new ArrayList<>(List.of("clean"));
        meshOptions.corruptions().forEach(c -> probeKinds.add(Labels.of(c)));
        long watchStart = System.nanoTime();
        long deadline = startNanos + options.timeout().toNanos();
        RunView view = new RunView(mesh.aggregatorUrl(), samples, meshOptions.budgets(), probeKinds,
                meshOptions.models().stream().map(m -> RunView.ModelView.notYetJudged(m, total)).toList(),
                Map.of(), Duration.ZERO, null, List.of());
        if (terminal) {
            out.println();
            tableShown = true;
        }
        try {
            return watchUntilDone(mesh, view, total, watchStart, deadline);
        } finally {
            tableShown = false;
        }
    }

    private int watchUntilDone(Mesh mesh, RunView first, long total, long watchStart, long deadline) {
        RunView view = first;
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken());
        long lastJudged = 0;
        long lastProgress = watchStart;
        int drawn = 0;
        long nextPlainLine = watchStart;
        long lastPlainLine = watchStart;
        String lastPlainState = "";
        boolean announcedDone = false;
        while (!stopping) {
            mesh.checkRunning();
            view = poll(mesh, aggregator, view, Duration.ofNanos(System.nanoTime() - watchStart));
            boolean done = view.done();
            if (view.duplicatesWarning() != null) {
                view = withNotice(view, view.duplicatesWarning());
            }
            if (done && !options.once()) {
                view = withNotice(view, "all " + total + " judgments per model are in; the mesh keeps serving, Ctrl-C stops it");
            }
            long now = System.nanoTime();
            if (terminal) {
                List<String> lines = table.render(view);
                out.print(LiveTable.redraw(drawn, lines));
                out.flush();
                drawn = lines.size();
            } else {
                // Without a terminal: a line when something changed (at most every few seconds), else now and then.
                String state = table.summaryLine(withElapsed(view, Duration.ZERO));
                boolean changed = !state.equals(lastPlainState);
                if (now >= nextPlainLine && (changed || now - lastPlainLine >= PLAIN_OUTPUT_UNCHANGED.toNanos())) {
                    out.println(table.summaryLine(view));
                    lastPlainState = state;
                    lastPlainLine = now;
                    nextPlainLine = now + PLAIN_OUTPUT_EVERY.toNanos();
                }
                if (done && !announcedDone) {
                    table.render(view).forEach(out::println);
                    announcedDone = true;
                }
            }
            if (done && options.once()) {
                say("every probe is judged: " + total + " judgments per model");
                return ExitCode.OK;
            }
            long judged = view.models().stream().mapToLong(RunView.ModelView::judged).sum();
            if (judged != lastJudged) {
                lastJudged = judged;
                lastProgress = now;
            }
            if (options.once() && view.deadLetterTotal() > 0 && now - lastProgress > STALLED_AFTER.toNanos()) {
                if (!terminal) {
                    table.render(view).forEach(out::println);
                }
                err.println("rhwatch: no judgment arrived for " + STALLED_AFTER.toSeconds() + " s and " + view.deadLetterTotal()
                        + " records were dead-lettered, so the benchmark cannot complete (" + progress(view)
                        + " judged); the services' logs in " + mesh.logsDir() + " say why");
                return ExitCode.SOFTWARE;
            }
            if (options.once() && now > deadline) {
                if (!terminal) {
                    table.render(view).forEach(out::println);
                }
                err.println("rhwatch: timed out after " + LiveTable.elapsed(options.timeout()) + " with "
                        + progress(view) + " judged; see the logs in " + mesh.logsDir()
                        + " (a longer --timeout or fewer --samples may help)");
                return ExitCode.SOFTWARE;
            }
            pause();
        }
        return INTERRUPTED;
    }

    /**
     * With {@code --keep-judgments}: writes every judgment on rh.judgments to the file while the broker
     * still runs (once per run, whether the run ends by itself or by Ctrl-C). Synchronized: a Ctrl-C
     * during the main thread's export waits for it to finish before the hook stops the broker.
     *
     * @return false when the file was asked for and could not be written
     */
    private synchronized boolean keepJudgments(Mesh mesh) {
        Path file = options.keepJudgments();
        if (file == null || !meshStarted || judgmentsKept) {
            return true;
        }
        judgmentsKept = true;
        Path absolute = file.toAbsolutePath().normalize();
        say("exporting every judgment on " + MeshPlan.JUDGMENTS + " to " + absolute + " ...");
        try {
            ExportJudgmentsCommand.Counts counts = ExportJudgmentsCommand.export(mesh.kafka(), file, KEEP_TIMEOUT);
            say("kept " + counts.written() + " judgments in " + absolute
                    + (counts.skipped() > 0 ? " (skipped " + counts.skipped() + " records the aggregator dead-letters)" : "")
                    + "; score them offline with: ./rhwatch score " + file);
            return true;
        } catch (IOException | KafkaException | IllegalStateException e) {
            err.println("rhwatch: could not keep the judgments in " + absolute + ": " + e.getMessage());
            return false;
        }
    }

    private RunView poll(Mesh mesh, AggregatorClient aggregator, RunView last, Duration elapsed) {
        String notice = null;
        List<RunView.ModelView> models = last.models();
        try {
            Set<String> known = aggregator.models().stream().map(AggregatorClient.ModelSummary::model).collect(Collectors.toSet());
            List<RunView.ModelView> fresh = new ArrayList<>();
            for (RunView.ModelView previous : last.models()) {
                RunView.ModelView model = RunView.ModelView.notYetJudged(previous.model(), previous.total());
                if (known.contains(previous.model())) {
                    // One call per model gives counts, RH-AUC and points from the same state.
                    model = aggregator.curve(previous.model())
                            .map(c -> new RunView.ModelView(c.model(), c.judged(), previous.total(), c.rhAuc(), c.rhAucRaw(),
                                    c.reason(), c.points()))
                            .orElse(model);
                }
                fresh.add(model);
            }
            models = fresh;
        } catch (ServiceException e) {
            notice = "the aggregator did not answer (" + e.getMessage() + "); showing the last known values";
        }
        Map<String, Long> deadLetters = last.deadLetters();
        try {
            deadLetters = mesh.deadLetterCounts();
        } catch (MeshException e) {
            notice = e.getMessage();
        }
        return new RunView(last.aggregatorUrl(), last.samples(), last.budgets(), last.probeKinds(), models, deadLetters, elapsed, notice,
                mesh.restarts());
    }

    private static RunView withNotice(RunView view, String notice) {
        return new RunView(view.aggregatorUrl(), view.samples(), view.budgets(), view.probeKinds(), view.models(),
                view.deadLetters(), view.elapsed(), view.notice() == null ? notice : view.notice(), view.restarts());
    }

    private static RunView withElapsed(RunView view, Duration elapsed) {
        return new RunView(view.aggregatorUrl(), view.samples(), view.budgets(), view.probeKinds(), view.models(),
                view.deadLetters(), elapsed, view.notice(), view.restarts());
    }

    private static String progress(RunView view) {
        return view.models().stream().map(m -> m.model() + " " + m.judged() + "/" + m.total()).collect(Collectors.joining(", "));
    }

    private static String describe(IngestionClient.Rejection rejection) {
        return "record " + rejection.index() + (rejection.id() == null ? "" : " (" + rejection.id() + ")")
                + (rejection.field() == null ? "" : ", field " + rejection.field()) + ": " + rejection.error();
    }

    /** A path relative to the repository when it is inside it, else absolute. */
    private String shown(Path path) {
        return path.startsWith(home) ? home.relativize(path).toString() : path.toString();
    }

    /**
     * What the supervisor reports (starts, exits with their status, restarts): always into the run's
     * {@value #EVENTS_LOG}, and on the output too unless the table is being redrawn there, which shows restarts itself.
     */
    private void meshEvent(String message) {
        String line = LocalDateTime.now().withNano(0) + " " + message + System.lineSeparator();
        try {
            Files.writeString(eventsLog, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("rhwatch: could not write " + eventsLog + ": " + e.getMessage());
        }
        if (!tableShown) {
            say(message);
        }
    }

    private void say(String message) {
        out.println("rhwatch: " + message);
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(REFRESH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted");
        }
    }
}
