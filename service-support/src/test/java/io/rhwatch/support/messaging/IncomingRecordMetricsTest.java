package io.rhwatch.support.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.support.rejection.RecordRejectedException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingRecordMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IncomingRecordMetrics metrics = new IncomingRecordMetrics(registry);

    @Test
    void theReasonIsTheFieldOfARejection() {
        assertThat(IncomingRecordMetrics.reason(new RecordRejectedException("budgets[0]", "0 is below 1"))).isEqualTo("budgets[0]");
        assertThat(IncomingRecordMetrics.reason(new IllegalStateException("wrapped",
                new RecordRejectedException("image.data", "is empty")))).as("a rejection among the causes").isEqualTo("image.data");
    }

    @Test
    void theReasonIsTheExceptionTypeOfAnyOtherFailure() {
        assertThat(IncomingRecordMetrics.reason(new IllegalStateException("model: not parsed from the message")))
                .isEqualTo("IllegalStateException");
        assertThat(IncomingRecordMetrics.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void aNackIsTimedAndCountedAsADeadLetter() {
        Message<?> received = metrics.afterMessageReceive(Message.of("payload"));
        metrics.onMessageNack(received, new RecordRejectedException("value", "truncated"));

        assertThat(registry.get("rhwatch.dead.letters").tags("topic", IncomingRecordMetrics.UNKNOWN_TOPIC, "reason", "value")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("rhwatch.records.processing").tags("outcome", "dead_lettered").timer().count()).isEqualTo(1);
        assertThat(registry.find("rhwatch.records.processing").tags("outcome", "processed").timer()).isNull();
    }

    @Test
    void anAckIsTimedAsProcessedWithoutADeadLetter() {
        Message<?> received = metrics.afterMessageReceive(Message.of("payload"));
        metrics.onMessageAck(received);

        assertThat(registry.get("rhwatch.records.processing").tags("outcome", "processed").timer().count()).isEqualTo(1);
        assertThat(registry.find("rhwatch.dead.letters").counter()).isNull();
    }
}
