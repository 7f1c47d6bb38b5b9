package io.rhwatch.inference.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CommitWatchdogTest {

    @Test
    void aProbeMayTakeEveryAttemptOfItsThinkingAndOfItsAnswers() {
        assertThat(ProbeProcessor.worstCaseProbe(Duration.ofSeconds(120), 3, Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(2 * (4 * 120 + 3 * 10)));
    }

    @Test
    void theShippedSettingsFitTheCommitWatchdog() {
        assertThatNoException().isThrownBy(() -> ProbeProcessor.checkFitsCommitWatchdog(
                Duration.ofSeconds(120), 3, Duration.ofSeconds(10), Duration.ofMinutes(20)));
    }

    @Test
    void refusesRetriesThatOutlastTheCommitWatchdog() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProbeProcessor.checkFitsCommitWatchdog(
                        Duration.ofSeconds(120), 5, Duration.ofSeconds(10), Duration.ofMinutes(10)))
                .withMessageContaining("a probe may take up to 1540 s")
                .withMessageContaining("rhwatch.inference.call-deadline=120 s")
                .withMessageContaining("mp.messaging.incoming.probes.throttled.unprocessed-record-max-age.ms=600000 ms");
    }
}
