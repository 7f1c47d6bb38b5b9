package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateOptions;
import io.rhwatch.cli.score.ExportOptions;
import io.rhwatch.cli.score.ScoreOptions;
import io.rhwatch.cli.up.UpOptions;
import io.rhwatch.core.Labels;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.proto.v1.Corruption;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code rhwatch <command> [options]}; every error names the option and what it accepts. */
public final class Arguments {

    public static final int MAX_SAMPLES = 10_000;
    public static final int MAX_BUDGET = 32_768;
    public static final int MAX_LEVELS = 32;

    public static final String USAGE = """
            rhwatch - watches multimodal reasoning models for hallucination (RH-AUC), locally.

            Usage:
              rhwatch up [options]          start a Kafka broker, the model simulator and the five
                                            services, import the synthetic benchmark and show live
                                            accuracy and RH-AUC per model
              rhwatch generate --out DIR    write the synthetic benchmark (samples.jsonl, images/)
              rhwatch score FILE [options]  score a JSONL file of judged or raw records offline:
                                            RH-AUC with intervals, accuracy under each corruption
                                            and censoring per model, as the aggregator computes them
              rhwatch export-judgments --bootstrap-servers HOST:PORT --out FILE
                                            write every judgment of a running mesh (rh.judgments)
                                            as JSONL records that score reads
              rhwatch --help                show this help

            Options of up:
              --once               exit with status 0 once every probe is judged, leaving the
                                   final table on the terminal
              --samples N          benchmark samples to generate and import (1-%d, default %d)
              --seed S             the benchmark's seed (default %d)
              --port P             the aggregator's HTTP port (default 8080, or a free port when
                                   8080 is taken; 0 = any free port)
              --timeout D          with --once: give up after D, e.g. 90s, 20m, 1h (default 20m)
              --budgets L,...      thinking-token budget levels (default 0,50,100,150,200,300,400,600)
              --corruptions C,...  corruptions probed besides the clean probe: blank_image,
                                   random_image, text_removal (default: all three)
              --keep-judgments FILE
                                   before stopping (at the end of --once, or on Ctrl-C), write
                                   every judgment of the run to FILE, for rhwatch score

            Options of generate:
              --out DIR            the directory to write to (required)
              --samples N          as for up
              --seed S             as for up

            Options of score:
              FILE                 JSONL, one record per line: judged records
                                   {"model","budget","task","correct","corruption"?} or raw records
                                   {"model","budget","task","question","question_type","answer",
                                   "output","corruption"?}, judged with the judge service's rules
              --format F           table (default) or json (the fields of the aggregator's
                                   GET /v1/models/{model}/curve, under "models")
              --resamples N        bootstrap resamples for the RH-AUC intervals (1-%d, default %d)

            Options of export-judgments:
              --bootstrap-servers HOST:PORT
                                   the Kafka broker of the running mesh (required; up prints it)
              --out FILE           the JSONL file to write (required)
              --timeout D          give up when rh.judgments cannot be read to its end within D
                                   (default 2m)

            The models are played by model-sim, a simulator speaking Triton's KServe v2 gRPC
            protocol, not by a real model. Each run lives in .rhwatch/runs/<time>/ (or under
            $RHWATCH_RUNS_DIR) with one log per process in logs/; up deletes all but the latest
            %d runs there when it starts. Ctrl-C stops every process rhwatch started.
            """.formatted(MAX_SAMPLES, UpOptions.DEFAULT_SAMPLES, UpOptions.DEFAULT_SEED,
            Bootstrap.MAX_RESAMPLES, Bootstrap.DEFAULT_RESAMPLES, UpOptions.RUNS_KEPT);

    private static final String COMMANDS = "'up', 'generate', 'score' or 'export-judgments'";
    private static final Set<String> UP_OPTIONS = Set.of("--once", "--samples", "--seed", "--port", "--timeout", "--budgets",
            "--corruptions", "--keep-judgments");
    private static final Set<String> GENERATE_OPTIONS = Set.of("--out", "--samples", "--seed");
    private static final Set<String> SCORE_OPTIONS = Set.of("--format", "--resamples");
    private static final Set<String> EXPORT_OPTIONS = Set.of("--bootstrap-servers", "--out", "--timeout");
    private static final Set<String> FLAGS = Set.of("--once");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Arguments() {
    }

    public static Command parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given; expected " + COMMANDS);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        if (isHelp(args[0]) || rest.stream().anyMatch(Arguments::isHelp)) {
            return new Command.Help();
        }
        return switch (args[0]) {
            case "up" -> new Command.Up(up(options("up", rest, UP_OPTIONS, null)));
            case "generate" -> new Command.Generate(generate(options("generate", rest, GENERATE_OPTIONS, null)));
            case "score" -> {
                List<String> files = new ArrayList<>();
                yield new Command.Score(score(options("score", rest, SCORE_OPTIONS, files), files));
            }
            case "export-judgments" -> new Command.ExportJudgments(exportJudgments(options("export-judgments", rest, EXPORT_OPTIONS, null)));
            default -> throw new UsageException("unknown command '" + args[0] + "'; expected " + COMMANDS);
        };
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static UpOptions up(Map<String, String> options) throws UsageException {
        UpOptions defaults = UpOptions.defaults();
        return new UpOptions(
                options.containsKey("--once"),
                samples(options, defaults.samples()),
                seed(options, defaults.seed()),
                options.containsKey("--port") ? port(options.get("--port")) : null,
                options.containsKey("--timeout") ? duration("--timeout", options.get("--timeout")) : defaults.timeout(),
                options.containsKey("--budgets") ? budgets(options.get("--budgets")) : defaults.budgets(),
                options.containsKey("--corruptions") ? corruptions(options.get("--corruptions")) : defaults.corruptions(),
                options.containsKey("--keep-judgments") ? file("--keep-judgments", options.get("--keep-judgments")) : null);
    }

    private static GenerateOptions generate(Map<String, String> options) throws UsageException {
        String out = options.get("--out");
        if (out == null) {
            throw new UsageException("generate needs --out DIR, the directory to write the benchmark to");
        }
        if (out.isBlank()) {
            throw new UsageException("--out must name a directory, got an empty value");
        }
        return new GenerateOptions(Path.of(out), samples(options, UpOptions.DEFAULT_SAMPLES), seed(options, UpOptions.DEFAULT_SEED));
    }

    private static ScoreOptions score(Map<String, String> options, List<String> files) throws UsageException {
        if (files.isEmpty()) {
            throw new UsageException("no FILE given: the JSONL file of judged or raw records to score");
        }
        if (files.size() > 1) {
            throw new UsageException("one FILE only, got '" + files.get(0) + "' and '" + files.get(1) + "'");
        }
        String format = options.getOrDefault("--format", "table");
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format must be table or json, got '" + format + "'");
        }
        int resamples = options.containsKey("--resamples")
                ? (int) integer("--resamples", options.get("--resamples"), 1, Bootstrap.MAX_RESAMPLES)
                : Bootstrap.DEFAULT_RESAMPLES;
        return new ScoreOptions(file("FILE", files.get(0)), format.equals("json"), resamples);
    }

    private static ExportOptions exportJudgments(Map<String, String> options) throws UsageException {
        String servers = options.get("--bootstrap-servers");
        if (servers == null) {
            throw new UsageException("export-judgments needs --bootstrap-servers HOST:PORT, the broker of the mesh to export from");
        }
        if (servers.isBlank()) {
            throw new UsageException("--bootstrap-servers must name a broker as HOST:PORT, got an empty value");
        }
        if (!options.containsKey("--out")) {
            throw new UsageException("export-judgments needs --out FILE, the JSONL file to write");
        }
        return new ExportOptions(servers.trim(), file("--out", options.get("--out")),
                options.containsKey("--timeout") ? duration("--timeout", options.get("--timeout")) : ExportOptions.DEFAULT_TIMEOUT);
    }

    private static Path file(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must name a file, got an empty value");
        }
        return Path.of(value);
    }

    /**
     * Reads {@code --name value} and {@code --name=value} pairs, and flags, checking each against the command's options.
     *
     * @param operands collects the arguments that are not options, for a command that takes them; null for one that does not
     */
    private static Map<String, String> options(String command, List<String> args, Set<String> known, List<String> operands)
            throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            if (operands != null && !arg.startsWith("-")) {
                operands.add(arg);
                continue;
            }
            if (!known.contains(name)) {
                String kind = arg.startsWith("-") ? "unknown option '" + name + "'" : "unexpected argument '" + arg + "'";
                throw new UsageException(kind + " for '" + command + "'; its options are " + String.join(", ", new TreeSet<>(known)));
            }
            if (options.containsKey(name)) {
                throw new UsageException(name + " is given twice");
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value, got '" + value + "'");
                }
                options.put(name, "");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(name + " needs a value");
                }
                value = args.get(++i);
            }
            options.put(name, value);
        }
        return options;
    }

    private static int samples(Map<String, String> options, int fallback) throws UsageException {
        if (!options.containsKey("--samples")) {
            return fallback;
        }
        return (int) integer("--samples", options.get("--samples"), 1, MAX_SAMPLES);
    }

    private static long seed(Map<String, String> options, long fallback) throws UsageException {
        if (!options.containsKey("--seed")) {
            return fallback;
        }
        return integer("--seed", options.get("--seed"), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static int port(String value) throws UsageException {
        return (int) integer("--port", value, 0, 65_535);
    }

    private static long integer(String option, String value, long min, long max) throws UsageException {
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a whole number between " + min + " and " + max + ", got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    static Duration duration(String option, String value) throws UsageException {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher matcher = DURATION.matcher(text);
        if (!text.isEmpty() && matcher.matches()) {
            duration = Duration.ofHours(group(matcher, 1)).plusMinutes(group(matcher, 2)).plusSeconds(group(matcher, 3));
        } else if (text.startsWith("pt")) {
            try {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException ignored) {
                // reported below with the accepted forms
            }
        }
        if (duration == null) {
            throw new UsageException(option + " must be a duration like 90s, 20m, 1h or 1h30m, got '" + value + "'");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new UsageException(option + " must be longer than zero, got '" + value + "'");
        }
        return duration;
    }

    private static long group(Matcher matcher, int group) {
        String digits = matcher.group(group);
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static List<Integer> budgets(String value) throws UsageException {
        Set<Integer> levels = new TreeSet<>();
        for (String part : value.split(",", -1)) {
            int level = (int) integer("--budgets", part, 0, MAX_BUDGET);
            if (!levels.add(level)) {
                throw new UsageException("--budgets lists " + level + " twice");
            }
        }
        if (levels.size() < 2) {
            throw new UsageException("--budgets needs at least two levels (RH-AUC compares levels), got '" + value + "'");
        }
        if (levels.size() > MAX_LEVELS) {
            throw new UsageException("--budgets allows at most " + MAX_LEVELS + " levels, got " + levels.size());
        }
        return List.copyOf(levels);
    }

    private static List<Corruption> corruptions(String value) throws UsageException {
        List<Corruption> corruptions = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            Corruption corruption = Labels.corruption(part)
                    .filter(c -> c != Corruption.CORRUPTION_NONE)
                    .orElseThrow(() -> new UsageException("--corruptions accepts blank_image, random_image, text_removal "
                            + "(the clean probe always runs), got '" + part.trim() + "'"));
            if (corruptions.contains(corruption)) {
                throw new UsageException("--corruptions lists " + Labels.of(corruption) + " twice");
            }
            corruptions.add(corruption);
        }
        return List.copyOf(corruptions);
    }
}
