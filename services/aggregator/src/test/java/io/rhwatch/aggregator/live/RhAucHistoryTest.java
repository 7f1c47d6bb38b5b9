package io.rhwatch.aggregator.live;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RhAucHistoryTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    private final RhAucHistory history = new RhAucHistory(5, Duration.ofMinutes(1), 0.02);

    @Test
    void aFallAgainstTheValueAnHourAgoStandsOut() {
        history.record("m", T0, 0.60);
        history.record("m", T0 + 30 * MINUTE, 0.58);
        history.record("m", T0 + 61 * MINUTE, 0.55);
        history.record("m", T0 + 90 * MINUTE, 0.50);

        RhAucHistory.ModelHistory now = history.of("m", T0 + 90 * MINUTE);
        // An hour before T0+90 is T0+30: the newest value at least an hour old.
        assertThat(now.baseline()).isEqualTo(0.58);
        assertThat(now.change()).isCloseTo(-0.08, within(1e-12));
        assertThat(now.fell()).isTrue();
    }

    @Test
    void aSmallDipOrARiseDoesNotStandOut() {
        history.record("m", T0, 0.60);
        history.record("m", T0 + 10 * MINUTE, 0.59);
        assertThat(history.of("m", T0 + 10 * MINUTE).fell()).isFalse();

        history.record("m", T0 + 20 * MINUTE, 0.70);
        RhAucHistory.ModelHistory risen = history.of("m", T0 + 20 * MINUTE);
        // Younger than an hour: the oldest value is the baseline.
        assertThat(risen.baseline()).isEqualTo(0.60);
        assertThat(risen.change()).isCloseTo(0.10, within(1e-12));
        assertThat(risen.fell()).isFalse();
    }

    @Test
    void updatesWithinTheSpacingReplaceTheNewestSampleAndTheRingIsBounded() {
        history.record("m", T0, 0.1);
        history.record("m", T0 + 1000, 0.2);
        history.record("m", T0 + 2000, 0.3); // within a minute of the first: replaces 0.2
        assertThat(history.of("m", T0 + 2000).points()).extracting(RhAucHistory.Point::rhAuc).containsExactly(0.1, 0.3);

        for (int i = 1; i <= 10; i++) {
            history.record("m", T0 + i * MINUTE, (double) i);
        }
        assertThat(history.of("m", T0 + 10 * MINUTE).points()).hasSize(5)
                .extracting(RhAucHistory.Point::rhAuc).containsExactly(6.0, 7.0, 8.0, 9.0, 10.0);
    }

    @Test
    void undefinedValuesAreKeptButNeverABaselineAndOlderCurvesAreIgnored() {
        history.record("m", T0, null);
        history.record("m", T0 + 2 * MINUTE, 0.4);
        history.record("m", T0 + MINUTE, 0.9); // replayed out of order: older than what we have
        RhAucHistory.ModelHistory h = history.of("m", T0 + 2 * MINUTE);
        assertThat(h.points()).extracting(RhAucHistory.Point::rhAuc).containsExactly(null, 0.4);
        assertThat(h.baseline()).isEqualTo(0.4);
        assertThat(h.change()).isZero();

        history.record("m", T0 + 3 * MINUTE, null);
        assertThat(history.of("m", T0 + 3 * MINUTE).change()).isNull();
        assertThat(history.of("unknown", T0).points()).isEmpty();
    }

    @Test
    void aRingTooSmallForATrendIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RhAucHistory(1, Duration.ofSeconds(15), 0.02))
                .hasMessageContaining("rhwatch.aggregator.history.capacity").hasMessageContaining("minimum of 2");
    }
}
