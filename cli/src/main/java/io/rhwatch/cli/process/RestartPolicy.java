package io.rhwatch.cli.process;

import java.time.Duration;

/**
 * When to restart a process that exited: after a backoff that doubles with every quick exit (from
 * {@code initialBackoff} up to {@code maxBackoff}), and never again once it crash-loops: {@code crashLoopExits}
 * quick exits in a row, a quick exit being one within {@code stableAfter} of its start. An exit after a run
 * that long is a fresh incident: the backoff and the count start over. Pure: times are given, not read from a
 * clock. Not thread-safe; one per process, used by the supervisor under its lock.
 */
public final class RestartPolicy {

    /** What to do about one exit: restart after {@code delay}, or give up ({@code delay} null). */
    public record Decision(Duration delay, int quickExitsInARow) {

        public boolean giveUp() {
            return delay == null;
        }
    }

    /** The launcher's: 1 s doubling to 30 s; 6 exits in a row, each within a minute of its start, are a crash loop. */
    public record Settings(Duration initialBackoff, Duration maxBackoff, Duration stableAfter, int crashLoopExits) {

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 6);

        public Settings {
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff must grow from " + initialBackoff + " to at most " + maxBackoff);
            }
            if (crashLoopExits < 1) {
                throw new IllegalArgumentException("crashLoopExits must be at least 1, was " + crashLoopExits);
            }
        }
    }

    private final Settings settings;
    private int quickExitsInARow;
    private Duration nextBackoff;

    public RestartPolicy(Settings settings) {
        this.settings = settings;
        this.nextBackoff = settings.initialBackoff();
    }

    /**
     * @param startedNanos when the process that exited was started
     * @param exitedNanos  when it exited
     */
    public Decision onExit(long startedNanos, long exitedNanos) {
        if (exitedNanos - startedNanos >= settings.stableAfter().toNanos()) {
            quickExitsInARow = 0;
            nextBackoff = settings.initialBackoff();
        } else {
            quickExitsInARow++;
            if (quickExitsInARow >= settings.crashLoopExits()) {
                return new Decision(null, quickExitsInARow);
            }
        }
        Duration delay = nextBackoff;
        Duration doubled = nextBackoff.multipliedBy(2);
        nextBackoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        return new Decision(delay, quickExitsInARow);
    }
}
