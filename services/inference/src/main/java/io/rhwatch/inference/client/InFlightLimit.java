package io.rhwatch.inference.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} requests in flight to one model; further requests wait, first come first served, without
 * holding a thread. Nothing waits without bound: the probes being worked on are themselves bounded
 * (rhwatch.inference.max-in-flight), so are their requests.
 */
final class InFlightLimit {

    private final int limit;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int inFlight;

    InFlightLimit(int limit) {
        this.limit = limit;
    }

    /** Completes once a slot is held; the caller must {@link #release()} it exactly once. */
    Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(emitter);
            boolean granted;
            synchronized (this) {
                granted = inFlight < limit;
                if (granted) {
                    inFlight++;
                } else {
                    waiting.addLast(waiter);
                }
            }
            emitter.onTermination(() -> abandon(waiter));
            if (granted) {
                waiter.grant();
            }
        });
    }

    void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inFlight--;
            }
        }
        // the slot passes straight to the next waiter; if it was cancelled meanwhile, it is released again
        if (next != null && !next.grant()) {
            release();
        }
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void abandon(Waiter waiter) {
        synchronized (this) {
            if (!waiting.remove(waiter)) {
                return;
            }
        }
        waiter.cancel();
    }

    private static final class Waiter {

        private final UniEmitter<? super Void> emitter;
        private boolean done;

        Waiter(UniEmitter<? super Void> emitter) {
            this.emitter = emitter;
        }

        /** False when the waiter was cancelled before the slot came: the caller keeps the slot. */
        synchronized boolean grant() {
            if (done) {
                return false;
            }
            done = true;
            emitter.complete(null);
            return true;
        }

        synchronized void cancel() {
            done = true;
        }
    }
}
