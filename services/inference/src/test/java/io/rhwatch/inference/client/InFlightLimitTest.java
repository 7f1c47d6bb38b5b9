package io.rhwatch.inference.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps through the hand-over of a slot so a cancellation can land exactly between grant and delivery. */
class InFlightLimitTest {

    private final Deque<Runnable> handOvers = new ArrayDeque<>();
    private final InFlightLimit limit = new InFlightLimit(1, handOvers::addLast);
    private final List<String> started = new ArrayList<>();

    private void runHandOvers() {
        while (!handOvers.isEmpty()) {
            handOvers.pollFirst().run();
        }
    }

    /** Work that records its start and ends when the test completes the returned emitter. */
    private Cancellable submit(String name, AtomicReference<UniEmitter<? super String>> work) {
        return limit.run(() -> Uni.createFrom().<String>emitter(emitter -> {
            started.add(name);
            work.set(emitter);
        })).subscribe().with(item -> { }, failure -> { });
    }

    @Test
    void aWaiterCancelledWhileItsSlotIsHandedOverPassesTheSlotOn() {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> second = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> third = new AtomicReference<>();
        submit("first", first);
        runHandOvers();
        Cancellable secondCall = submit("second", second);
        assertThat(limit.waiting()).isEqualTo(1);

        first.get().complete("done"); // the slot is granted to "second", its delivery still pending
        assertThat(limit.waiting()).isZero();
        secondCall.cancel();
        runHandOvers();

        assertThat(started).containsExactly("first");
        assertThat(limit.inFlight()).isZero();
        submit("third", third);
        runHandOvers();
        assertThat(started).containsExactly("first", "third");
        assertThat(limit.inFlight()).isEqualTo(1);
    }

    @Test
    void aFirstComerCancelledBeforeItsSlotArrivesFreesTheSlot() {
        Cancellable call = submit("first", new AtomicReference<>());
        assertThat(limit.inFlight()).isEqualTo(1);
        call.cancel();
        runHandOvers();

        assertThat(started).isEmpty();
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndTheSlotGoesToTheNext() {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        submit("first", first);
        runHandOvers();
        Cancellable second = submit("second", new AtomicReference<>());
        submit("third", new AtomicReference<>());
        second.cancel();
        assertThat(limit.waiting()).isEqualTo(1);

        first.get().fail(new IllegalStateException("boom"));
        runHandOvers();
        assertThat(started).containsExactly("first", "third");
        assertThat(limit.inFlight()).isEqualTo(1);
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void cancellingRunningWorkFreesItsSlotOnce() {
        Cancellable first = submit("first", new AtomicReference<>());
        runHandOvers();
        first.cancel();
        first.cancel();
        assertThat(limit.inFlight()).isZero();
    }
}
