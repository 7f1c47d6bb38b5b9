package io.rhwatch.judge.messaging;

import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A response whose dead-letter write fails must not fail the processor, which would end the channel. */
class DeadLetterFailureTest {

    @Test
    void goesOnWhenADeadLetterCannotBeWritten() {
        ResponseJudge judge = new ResponseJudge(null); // a record without a value is refused before any judging
        AtomicInteger nacks = new AtomicInteger();
        Message<Response> record = Message.<Response>of(null, () -> CompletableFuture.completedFuture(null), failure -> {
            nacks.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("dead-letter topic unreachable"));
        });

        Message<Judgment> forwarded = judge.judge(record).await().atMost(Duration.ofSeconds(10));

        assertThat(forwarded).isNull();
        assertThat(nacks).hasValue(1);
    }
}
