package io.rhwatch.inference.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The circuit breaker of one model (see InferenceConfig.CircuitBreaker): counts transient failures over the last
 * {@code window} calls; at {@code failureRatio} it opens and refuses calls for {@code openFor}, then lets a single
 * trial call through.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int window;
    private final double failureRatio;
    private final long openForNanos;
    private final LongSupplier clock;
    private final Runnable onOpen;
    private final boolean[] outcomes;
    private int recorded;
    private int next;
    private int failures;
    private State state = State.CLOSED;
    private long openUntil;
    private boolean trialInFlight;
    private String lastFailure = "";

    CircuitBreaker(int window, double failureRatio, Duration openFor, LongSupplier clock, Runnable onOpen) {
        this.window = window;
        this.failureRatio = failureRatio;
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
        this.onOpen = onOpen;
        this.outcomes = new boolean[window];
    }

    /** Whether a call may go out now; in half-open state, only one (the trial) may. */
    synchronized boolean allow() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.getAsLong() - openUntil < 0) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = false;
                // fall through: the first call after the open period is the trial
            case HALF_OPEN:
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** The server answered (successfully, or with a non-transient error: it is up). */
    synchronized void answered() {
        if (state == State.HALF_OPEN) {
            close();
        } else if (state == State.CLOSED) {
            record(false);
        }
    }

    /** The call failed transiently (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED). */
    synchronized void failed(String cause) {
        lastFailure = cause;
        if (state == State.HALF_OPEN) {
            open();
        } else if (state == State.CLOSED) {
            record(true);
            if (recorded == window && failures >= failureRatio * window) {
                open();
            }
        }
    }

    /** The call was given up before it ended (cancelled): a trial that never ran lets the next one try. */
    synchronized void abandoned() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    synchronized State state() {
        return state;
    }

    /** Why it is open, for error messages. */
    synchronized String describe() {
        return failures + " of the last " + recorded + " calls failed (last: " + lastFailure + ")";
    }

    private void record(boolean failure) {
        if (recorded == window) {
            if (outcomes[next]) {
                failures--;
            }
        } else {
            recorded++;
        }
        outcomes[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % window;
    }

    private void open() {
        state = State.OPEN;
        openUntil = clock.getAsLong() + openForNanos;
        trialInFlight = false;
        onOpen.run();
    }

    private void close() {
        state = State.CLOSED;
        recorded = 0;
        next = 0;
        failures = 0;
        trialInFlight = false;
    }
}
