package io.rhwatch.support.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingRecordMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IncomingRecordMetrics metrics = new IncomingRecordMetrics(registry);

    @Test
    void theReasonIsTheFieldTheFailureNames() {
        assertThat(IncomingRecordMetrics.reason(new IllegalArgumentException("value: not a valid Sample"))).isEqualTo("value");
        assertThat(IncomingRecordMetrics.reason(new IllegalArgumentException("probe.budgets[0]: 0 is below 1")))
                .isEqualTo("probe.budgets[0]");
    }

    @Test
    void theReasonIsTheExceptionTypeWhenNoFieldIsNamed() {
        assertThat(IncomingRecordMetrics.reason(new IllegalStateException("Broker said: no"))).isEqualTo("IllegalStateException");
        assertThat(IncomingRecordMetrics.reason(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void aNackIsTimedAndCountedAsADeadLetter() {
        Message<?> received = metrics.afterMessageReceive(Message.of("payload"));
        metrics.onMessageNack(received, new IllegalArgumentException("value: truncated"));

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
