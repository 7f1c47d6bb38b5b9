package io.rhwatch.cli;

import io.rhwatch.cli.generate.GenerateCommand;
import io.rhwatch.cli.score.ExportJudgmentsCommand;
import io.rhwatch.cli.score.ScoreCommand;
import io.rhwatch.cli.up.UpCommand;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code rhwatch up | generate | score | export-judgments | --help}. Exit status: 0 done, 1 failed, 2 bad command line. */
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Main() {
    }

    public static void main(String[] args) {
        // The benchmark renders images with java.awt; there is no display to ask.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    /** The CLI without {@link System#exit}: runs the command {@code args} names and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = Arguments.parse(args);
        } catch (UsageException e) {
            err.println("rhwatch: " + e.getMessage());
            err.println("Run 'rhwatch --help' for the commands and their options.");
            return USAGE;
        }
        if (command instanceof Command.Generate generate) {
            return new GenerateCommand(generate.options(), out, err).run();
        }
        if (command instanceof Command.Score score) {
            return new ScoreCommand(score.options(), out, err).run();
        }
        if (command instanceof Command.ExportJudgments export) {
            // The command reports its own outcome; the Kafka consumer's log lines (a warning per failed connect) would bury it.
            if (System.getProperty(LOG_LEVEL) == null) {
                System.setProperty(LOG_LEVEL, "error");
            }
            return new ExportJudgmentsCommand(export.options(), out, err).run();
        }
        if (command instanceof Command.Up up) {
            Path home = home();
            if (!Files.isDirectory(home.resolve("services"))) {
                err.println("rhwatch: " + home + " is not the rhwatch repository (no services/ in it); "
                        + "set RHWATCH_HOME to the repository root");
                return FAILED;
            }
            return new UpCommand(up.options(), home, runsDir(home), out, err, System.console() != null, unicodeOutput()).run();
        }
        out.print(Arguments.USAGE);
        return OK;
    }

    /** The repository root: $RHWATCH_HOME, else the directory above cli/target where this jar lives. */
    static Path home() {
        String env = System.getenv("RHWATCH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/rhwatch-cli.jar (or cli/target/classes) → the repository root
            return jar.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** Where {@code up} keeps its runs: $RHWATCH_RUNS_DIR, else .rhwatch/runs in the repository. */
    static Path runsDir(Path home) {
        String env = System.getenv("RHWATCH_RUNS_DIR");
        return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath().normalize() : home.resolve(".rhwatch").resolve("runs");
    }

    private static boolean unicodeOutput() {
        String encoding = System.getProperty("stdout.encoding",
                System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name()));
        return encoding.equalsIgnoreCase("UTF-8") || encoding.equalsIgnoreCase("UTF8");
    }
}
