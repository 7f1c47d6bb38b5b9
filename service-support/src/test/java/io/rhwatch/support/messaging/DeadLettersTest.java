package io.rhwatch.support.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void nacksWithTheReason() {
        AtomicReference<Throwable> nackedWith = new AtomicReference<>();
        Message<String> record = Message.of("value", () -> CompletableFuture.completedFuture(null), reason -> {
            nackedWith.set(reason);
            return CompletableFuture.completedFuture(null);
        });
        IllegalArgumentException reason = new IllegalArgumentException("question: is empty");

        DeadLetters.nack(record, reason).await().atMost(WAIT);

        assertThat(nackedWith).hasValue(reason);
    }

    @Test
    void goesOnWhenTheDeadLetterCannotBeWritten() {
        Message<String> record = Message.of("value", () -> CompletableFuture.completedFuture(null),
                reason -> CompletableFuture.failedFuture(new IllegalStateException("dead-letter topic unreachable")));

        // completes (with no item) instead of failing, which would end the caller's channel
        assertThat(DeadLetters.nack(record, new IllegalArgumentException("bad")).await().atMost(WAIT)).isNull();
    }
}
