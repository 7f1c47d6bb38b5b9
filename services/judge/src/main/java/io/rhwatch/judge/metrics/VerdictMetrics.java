package io.rhwatch.judge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.Labels;
import io.rhwatch.judge.messaging.Channels;
import io.rhwatch.proto.v1.Judgment;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.OutgoingInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the verdicts the judge wrote, once the broker acknowledged them, as
 * rhwatch_judge_verdicts_total{model, verdict, method}: method is the rule that decided
 * ("rule:option_letter", "rule:number", …), so a rule that suddenly finds nothing shows up.
 */
@ApplicationScoped
@Identifier(Channels.JUDGMENTS)
public class VerdictMetrics implements OutgoingInterceptor {

    private final MeterRegistry registry;

    VerdictMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onMessageAck(Message<?> message) {
        if (!(message.getPayload() instanceof Judgment judgment)) {
            return;
        }
        registry.counter("rhwatch.judge.verdicts",
                "model", judgment.getModel(),
                "verdict", Labels.of(judgment.getVerdict()),
                "method", judgment.getMethod().isEmpty() ? "none" : judgment.getMethod()).increment();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        // not written: no verdict to count (the failure shows in quarkus_messaging_message_failures_total)
    }
}
