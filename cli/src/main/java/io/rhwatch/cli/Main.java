package io.rhwatch.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * {@code rhwatch up | generate | score | export-judgments | help}. Exit status (picocli's {@code ExitCode}):
 * 0 done, 1 failed, 2 bad command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The benchmark renders images with java.awt; there is no display to ask.
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, System.out, System.err));
    }

    /** The CLI without {@link System#exit}: runs the command {@code args} names and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Rhwatch.commandLine(out, err).execute(args);
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
}
