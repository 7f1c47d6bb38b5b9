package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateCommand;
import io.rhwatch.cli.generate.GenerateOptions;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.score.CompareCommand;
import io.rhwatch.cli.score.CompareOptions;
import io.rhwatch.cli.score.ExportJudgmentsCommand;
import io.rhwatch.cli.score.ExportOptions;
import io.rhwatch.cli.score.ScoreCommand;
import io.rhwatch.cli.score.ScoreOptions;
import io.rhwatch.cli.up.UpCommand;
import io.rhwatch.cli.up.UpOptions;
import io.rhwatch.core.Labels;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Corruption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The command line: {@code rhwatch up | generate | score | compare | export-judgments | help}, each option with
 * its help text and the limit it checks. Parsing only: each command's work is in its own package.
 */
@Command(name = "rhwatch",
        synopsisSubcommandLabel = "COMMAND",
        description = "Watches multimodal reasoning models for hallucination (RH-AUC), locally.",
        footer = {"", "The models are played by model-sim, a simulator speaking Triton's KServe v2 gRPC protocol, not by a real "
                + "model. Each run lives in .rhwatch/runs/<time>/ (or under $RHWATCH_RUNS_DIR) with one log per process in "
                + "logs/; up deletes all but the latest " + UpOptions.RUNS_KEPT + " runs there when it starts. Ctrl-C stops every "
                + "process rhwatch started. The services listen on 127.0.0.1 unless up --listen-address says otherwise; their "
                + "write APIs need the token in $RHWATCH_AUTH_TOKEN or else .rhwatch/token (up generates it at its first start, "
                + "readable by you only, and passes it on). 'rhwatch COMMAND --help' shows a command's options."})
public final class Rhwatch implements Callable<Integer> {

    static final String COMMANDS = "'up', 'generate', 'score', 'compare' or 'export-judgments'";

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "no command given; expected " + COMMANDS);
    }

    /**
     * The command line, writing to {@code out} and {@code err}: a usage error prints its message and a
     * hint and yields {@link ExitCode#USAGE}; help yields {@link ExitCode#OK}.
     */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Rhwatch())
                .addSubcommand(new Up(out, err))
                .addSubcommand(new Generate(out, err))
                .addSubcommand(new Score(out, err))
                .addSubcommand(new Compare(out, err))
                .addSubcommand(new ExportJudgments(out, err))
                .addSubcommand(new CommandLine.HelpCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((problem, args) -> {
            err.println("rhwatch: " + problem.getMessage());
            err.println("Run 'rhwatch --help' for the commands, 'rhwatch COMMAND --help' for a command's options.");
            return ExitCode.USAGE;
        });
        return commandLine;
    }

    /** The synthetic benchmark's size and seed, for up and generate. */
    static final class BenchmarkOptions {
        @Option(names = "--samples", paramLabel = "N", converter = OptionValues.Samples.class,
                description = "Benchmark samples to generate (1-" + OptionValues.MAX_SAMPLES + ", default: ${DEFAULT-VALUE}).")
        int samples = UpOptions.DEFAULT_SAMPLES;

        @Option(names = "--seed", paramLabel = "S", description = "The benchmark's seed (default: ${DEFAULT-VALUE}).")
        long seed = UpOptions.DEFAULT_SEED;
    }

    /** Where a command writes: the CLI's standard output and error, or a test's. */
    abstract static class Subcommand implements Callable<Integer> {

        @Mixin
        HelpOption help;

        final PrintStream out;
        final PrintStream err;

        Subcommand(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }
    }

    /** {@code -h}/{@code --help} on every command. */
    static final class HelpOption {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;
    }

    @Command(name = "up", sortOptions = false,
            description = "Start a Kafka broker, the model simulator and the five services, import the synthetic "
                    + "benchmark and show live accuracy and RH-AUC per model.")
    static final class Up extends Subcommand {

        static final int MAX_LEVELS = 32;

        @Spec
        CommandSpec spec;

        @Option(names = "--once",
                description = "Exit with status 0 once every probe is judged, leaving the final table on the terminal.")
        boolean once;

        @Mixin
        BenchmarkOptions benchmark;

        @Option(names = "--port", paramLabel = "P", converter = OptionValues.Port.class,
                description = "The aggregator's HTTP port (default 8080, or a free port when 8080 is taken; 0 = any free port).")
        Integer port;

        @Option(names = "--timeout", paramLabel = "D", converter = OptionValues.Timeout.class, defaultValue = "20m",
                description = "With --once: give up after D, e.g. 90s, 20m, 1h (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--budgets", paramLabel = "L", split = ",", converter = OptionValues.Level.class,
                defaultValue = MeshPlan.BUDGETS_SETTING,
                description = "Thinking-token budget levels, 0-" + MeshPlan.MAX_BUDGET + ", at least two, at most " + MAX_LEVELS
                        + " (default: ${DEFAULT-VALUE}).")
        List<Integer> budgets;

        @Option(names = "--corruptions", paramLabel = "C", split = ",", converter = OptionValues.CorruptionLabel.class,
                defaultValue = MeshPlan.CORRUPTIONS_SETTING,
                description = "Corruptions probed besides the clean probe, any of ${DEFAULT-VALUE} (default: all).")
        List<Corruption> corruptions;

        @Option(names = "--keep-judgments", paramLabel = "FILE", converter = OptionValues.FileName.class,
                description = "Before stopping (at the end of --once, or on Ctrl-C), write every judgment of the run "
                        + "to FILE, for rhwatch score.")
        Path keepJudgments;

        @Option(names = "--otlp-endpoint", paramLabel = "URL", converter = OptionValues.HttpUrl.class,
                description = "Trace every service with OpenTelemetry, exporting spans to URL over OTLP/HTTP "
                        + "(e.g. http://localhost:4318/v1/traces of an OpenTelemetry Collector or Jaeger). Default: no tracing.")
        URI otlpEndpoint;

        @Option(names = "--listen-address", paramLabel = "ADDR", defaultValue = MeshOptions.LOOPBACK,
                description = "The address every service listens on: 127.0.0.1 or localhost (this machine only, the default), "
                        + "or 0.0.0.0 or :: (every interface: other machines can reach the APIs; the writes still need the token).")
        String listenAddress;

        Up(PrintStream out, PrintStream err) {
            super(out, err);
        }

        UpOptions options() {
            Set<Integer> levels = new TreeSet<>();
            for (int level : budgets) {
                if (!levels.add(level)) {
                    throw new ParameterException(spec.commandLine(), "--budgets lists " + level + " twice");
                }
            }
            if (levels.size() < 2) {
                throw new ParameterException(spec.commandLine(), "--budgets needs at least two levels (RH-AUC compares levels), got " + levels);
            }
            if (levels.size() > MAX_LEVELS) {
                throw new ParameterException(spec.commandLine(), "--budgets allows at most " + MAX_LEVELS + " levels, got " + levels.size());
            }
            Set<Corruption> kinds = new HashSet<>();
            for (Corruption corruption : corruptions) {
                if (!kinds.add(corruption)) {
                    throw new ParameterException(spec.commandLine(), "--corruptions lists " + Labels.of(corruption) + " twice");
                }
            }
            if (!MeshOptions.LISTEN_ADDRESSES.contains(listenAddress)) {
                throw new ParameterException(spec.commandLine(), "--listen-address must be one of "
                        + String.join(", ", MeshOptions.LISTEN_ADDRESSES) + " (the launcher reaches its services on localhost), got '"
                        + listenAddress + "'");
            }
            return new UpOptions(once, benchmark.samples, benchmark.seed, port, timeout, List.copyOf(levels), corruptions, keepJudgments,
                    listenAddress, otlpEndpoint);
        }

        @Override
        public Integer call() {
            Path home = Main.home();
            if (!Files.isDirectory(home.resolve("services"))) {
                err.println("rhwatch: " + home + " is not the rhwatch repository (no services/ in it); "
                        + "set RHWATCH_HOME to the repository root");
                return ExitCode.SOFTWARE;
            }
            return new UpCommand(options(), home, Main.runsDir(home), out, err, System.console() != null, unicodeOutput()).run();
        }

        private static boolean unicodeOutput() {
            String encoding = System.getProperty("stdout.encoding",
                    System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name()));
            return encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
        }
    }

    @Command(name = "generate", sortOptions = false,
            description = "Write the synthetic benchmark (samples.jsonl, images/) for the ingestion service to import.")
    static final class Generate extends Subcommand {

        @Option(names = "--out", paramLabel = "DIR", required = true, converter = OptionValues.FileName.class,
                description = "The directory to write to.")
        Path directory;

        @Mixin
        BenchmarkOptions benchmark;

        Generate(PrintStream out, PrintStream err) {
            super(out, err);
        }

        GenerateOptions options() {
            return new GenerateOptions(directory, benchmark.samples, benchmark.seed);
        }

        @Override
        public Integer call() {
            return new GenerateCommand(options(), out, err).run();
        }
    }

    @Command(name = "score", sortOptions = false,
            description = "Score a JSONL file of judged or raw records offline: RH-AUC with intervals, accuracy under "
                    + "each corruption and censoring per model, as the aggregator computes them.")
    static final class Score extends Subcommand {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", converter = OptionValues.FileName.class,
                description = "JSONL, one record per line: judged records {\"model\",\"budget\",\"task\",\"correct\",\"corruption\"?} "
                        + "or raw records {\"model\",\"budget\",\"task\",\"question\",\"question_type\",\"answer\",\"output\","
                        + "\"corruption\"?}, judged with the judge service's rules.")
        Path file;

        @Option(names = "--format", paramLabel = "F", defaultValue = "table",
                description = "table (default) or json (the fields of the aggregator's GET /v1/models/{model}/curve, under \"models\").")
        String format;

        @Option(names = "--resamples", paramLabel = "N", converter = OptionValues.Resamples.class,
                description = "Bootstrap resamples for the RH-AUC intervals (1-" + Bootstrap.MAX_RESAMPLES + ", default: ${DEFAULT-VALUE}).")
        int resamples = Bootstrap.DEFAULT_RESAMPLES;

        Score(PrintStream out, PrintStream err) {
            super(out, err);
        }

        ScoreOptions options() {
            if (!format.equals("table") && !format.equals("json")) {
                throw new ParameterException(spec.commandLine(), "--format must be table or json, got '" + format + "'");
            }
            return new ScoreOptions(file, format.equals("json"), resamples);
        }

        @Override
        public Integer call() {
            return new ScoreCommand(options(), out, err).run();
        }
    }

    @Command(name = "compare", sortOptions = false,
            description = "Compare two models or versions offline on the samples both were judged on: ΔRH-AUC, Δrh_auc_raw and "
                    + "Δ accuracy per level with paired intervals and p-values, as the aggregator's GET /v1/compare.")
    static final class Compare extends Subcommand {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", converter = OptionValues.FileName.class,
                description = "JSONL of judged or raw records, as for score (with \"model_version\" where a version is set; "
                        + "rhwatch export-judgments writes it).")
        Path file;

        @Parameters(index = "1", paramLabel = "A", description = "Model A as NAME@VERSION, or NAME for the default version.")
        String a;

        @Parameters(index = "2", paramLabel = "B", description = "Model B, likewise.")
        String b;

        @Option(names = "--format", paramLabel = "F", defaultValue = "table",
                description = "table (default) or json (the document of the aggregator's GET /v1/compare).")
        String format;

        @Option(names = "--resamples", paramLabel = "N", converter = OptionValues.Resamples.class,
                description = "Bootstrap resamples and sign flips (1-" + Bootstrap.MAX_RESAMPLES + ", default: ${DEFAULT-VALUE}).")
        int resamples = Bootstrap.DEFAULT_RESAMPLES;

        Compare(PrintStream out, PrintStream err) {
            super(out, err);
        }

        @Override
        public Integer call() {
            if (!format.equals("table") && !format.equals("json")) {
                throw new ParameterException(spec.commandLine(), "--format must be table or json, got '" + format + "'");
            }
            return new CompareCommand(new CompareOptions(file, a, b, format.equals("json"), resamples), out, err).run();
        }
    }

    @Command(name = "export-judgments", sortOptions = false,
            description = "Write every judgment of a running mesh (" + MeshPlan.JUDGMENTS + ") as JSONL records that score reads.")
    static final class ExportJudgments extends Subcommand {

        private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, converter = OptionValues.BootstrapServers.class,
                description = "The Kafka broker of the running mesh (up prints it).")
        String bootstrapServers;

        @Option(names = "--out", paramLabel = "FILE", required = true, converter = OptionValues.FileName.class,
                description = "The JSONL file to write.")
        Path file;

        @Option(names = "--timeout", paramLabel = "D", converter = OptionValues.Timeout.class, defaultValue = "2m",
                description = "Give up when " + MeshPlan.JUDGMENTS + " cannot be read to its end within D (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        ExportJudgments(PrintStream out, PrintStream err) {
            super(out, err);
        }

        ExportOptions options() {
            return new ExportOptions(bootstrapServers, file, timeout);
        }

        @Override
        public Integer call() {
            // The command reports its own outcome; the Kafka consumer's log lines (a warning per failed connect) would bury it.
            if (System.getProperty(LOG_LEVEL) == null) {
                System.setProperty(LOG_LEVEL, "error");
            }
            return new ExportJudgmentsCommand(options(), out, err).run();
        }
    }
}
