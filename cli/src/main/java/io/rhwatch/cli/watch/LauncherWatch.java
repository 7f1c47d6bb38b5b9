package io.rhwatch.cli.watch;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent ({@code -javaagent:cli/target/rhwatch-cli-watch.jar}) that ends the JVM it runs in when the
 * launcher that started it is gone. The launcher gives each child a stdin pipe it holds open and never
 * writes; when the launcher dies, even by SIGKILL, which it cannot catch, the kernel closes its end and
 * this agent reads end-of-file. Linux's PR_SET_PDEATHSIG would do the same but is out of Java's reach.
 * Only for processes whose stdin is such a pipe: with stdin from /dev/null the JVM would exit at once.
 */
public final class LauncherWatch {

    /** The jar the cli module builds with only this class and {@code Premain-Class} in its manifest. */
    public static final String JAR_NAME = "rhwatch-cli-watch.jar";
    /** Long enough for the JVM's shutdown hooks (a Quarkus service's, the broker's); then it halts regardless. */
    static final long HALT_AFTER_MS = 15_000;
    /** Distinct from the statuses services exit with, so a log shows why it ended. */
    static final int EXIT_STATUS = 3;

    private LauncherWatch() {
    }

    public static void premain(String args) {
        Thread watch = new Thread(() -> awaitEndOf(System.in), "rhwatch-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    static void awaitEndOf(InputStream stdin) {
        try {
            byte[] ignored = new byte[256];
            while (stdin.read(ignored) >= 0) {
                // the launcher never writes; whatever arrives means nothing
            }
        } catch (IOException closed) {
            // a broken pipe also means the launcher is gone
        }
        System.err.println("rhwatch-launcher-watch: the launcher that started this process is gone (its stdin closed); exiting");
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_STATUS);
        }, "rhwatch-launcher-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(EXIT_STATUS);
    }
}
