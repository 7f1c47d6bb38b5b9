package io.rhwatch.inference.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * At most {@code limit} requests in flight to one model; further requests wait, first come first served, without
 * holding a thread. Nothing waits without bound: the probes being worked on are themselves bounded
 * (rhwatch.inference.max-in-flight), so are their requests.
 * <p>
 * Every state change of a request (waiting, granted, done) happens under this object's lock, and the slot is given
 * back exactly once, by whichever comes first of the work's end and its cancellation: a request cancelled while its
 * slot is being handed to it passes the slot on instead of leaking it.
 */
final class InFlightLimit {

    private enum State { NEW, WAITING, GRANTED, DONE }

    private final int limit;
    private final Executor handOver;
    private final Deque<Request> waiting = new ArrayDeque<>();
    private int inFlight;

    InFlightLimit(int limit) {
        this(limit, Runnable::run);
    }

    /** {@code handOver} runs the completion that gives a granted slot to its request (tests step through it). */
    InFlightLimit(int limit, Executor handOver) {
        this.limit = limit;
        this.handOver = handOver;
    }

    /** Runs {@code work} once a slot is held, and frees the slot when the work ends, fails or is cancelled. */
    <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Request request = new Request();
            return Uni.createFrom().<Void>emitter(emitter -> enter(request, emitter))
                    .chain(work::get)
                    .onTermination().invoke(() -> leave(request));
        });
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void enter(Request request, UniEmitter<? super Void> emitter) {
        synchronized (this) {
            if (request.state == State.DONE) {
                return; // cancelled before it was subscribed
            }
            request.emitter = emitter;
            if (inFlight < limit) {
                inFlight++;
                request.state = State.GRANTED;
            } else {
                request.state = State.WAITING;
                waiting.addLast(request);
                return;
            }
        }
        grant(request);
    }

    private void leave(Request request) {
        synchronized (this) {
            State was = request.state;
            request.state = State.DONE;
            if (was == State.WAITING) {
                waiting.remove(request);
            }
            if (was != State.GRANTED) {
                return;
            }
        }
        passOn();
    }

    /** The slot of a request that left goes straight to the next waiter, or is freed. */
    private void passOn() {
        Request next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                inFlight--;
                return;
            }
            next.state = State.GRANTED;
        }
        grant(next);
    }

    /** If the request was cancelled meanwhile, the completion is dropped and its {@link #leave} passed the slot on. */
    private void grant(Request request) {
        UniEmitter<? super Void> emitter = request.emitter;
        handOver.execute(() -> emitter.complete(null));
    }

    private static final class Request {
        private State state = State.NEW;
        private UniEmitter<? super Void> emitter;
    }
}
