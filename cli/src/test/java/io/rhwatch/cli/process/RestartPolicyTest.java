package io.rhwatch.cli.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RestartPolicyTest {

    static final long SECOND = Duration.ofSeconds(1).toNanos();
    /** Only the backoff: never a crash loop. */
    static final RestartPolicy.Settings PATIENT = new RestartPolicy.Settings(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Integer.MAX_VALUE);

    @Test
    void theBackoffDoublesFromOneSecondUpToThirtyWhileTheProcessKeepsExitingSoon() {
        RestartPolicy policy = new RestartPolicy(PATIENT);
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 8; i++) {
            long started = now;
            now += 5 * SECOND;
            delays.add(policy.onExit(started, now).delay().toSeconds());
            now += delays.get(i) * SECOND;
        }

        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void sixQuickExitsInARowAreACrashLoopAndTheSixthGivesUp() {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Settings.DEFAULT);
        long now = 0;
        for (int i = 1; i <= 5; i++) {
            // a service that fails 50 s into its start, however long the backoff before it
            RestartPolicy.Decision decision = policy.onExit(now, now + 50 * SECOND);
            assertThat(decision.giveUp()).as("exit %d", i).isFalse();
            assertThat(decision.quickExitsInARow()).isEqualTo(i);
            now += 50 * SECOND + decision.delay().toNanos();
        }

        RestartPolicy.Decision sixth = policy.onExit(now, now + 50 * SECOND);
        assertThat(sixth.giveUp()).isTrue();
        assertThat(sixth.quickExitsInARow()).isEqualTo(6);
    }

    @Test
    void aProcessThatStayedUpStartsOverAtTheInitialBackoffAndIsNoCrashLoop() {
        RestartPolicy policy = new RestartPolicy(RestartPolicy.Settings.DEFAULT);
        policy.onExit(0, SECOND);
        policy.onExit(2 * SECOND, 3 * SECOND);
        assertThat(policy.onExit(5 * SECOND, 6 * SECOND).delay()).isEqualTo(Duration.ofSeconds(4));

        // up for ten minutes: the next exit is a fresh incident
        RestartPolicy.Decision fresh = policy.onExit(10 * SECOND, 610 * SECOND);
        assertThat(fresh.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(fresh.quickExitsInARow()).isZero();
        for (int i = 1; i <= 5; i++) {
            assertThat(policy.onExit(1000 * i * SECOND, (1000 * i + 1) * SECOND).giveUp()).as("quick exit %d after the stable run", i)
                    .isFalse();
        }
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new RestartPolicy.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1), 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff");
        assertThatThrownBy(() -> new RestartPolicy.Settings(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("crashLoopExits");
    }
}
