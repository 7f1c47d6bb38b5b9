package io.rhwatch.aggregator.readmodel;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RhAucHistoryTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    private final RhAucHistory history = new RhAucHistory(5, Duration.ofMinutes(1));

    @Test
    void updatesWithinTheSpacingReplaceTheNewestSampleAndTheRingIsBounded() {
        history.record("m", T0, 0.1);
        history.record("m", T0 + 1000, 0.2);
        history.record("m", T0 + 2000, 0.3); // within a minute of the first: replaces 0.2
        assertThat(history.of("m").points()).extracting(RhAucHistory.Point::rhAuc).containsExactly(0.1, 0.3);

        for (int i = 1; i <= 10; i++) {
            history.record("m", T0 + i * MINUTE, (double) i);
        }
        assertThat(history.of("m").points()).hasSize(5)
                .extracting(RhAucHistory.Point::rhAuc).containsExactly(6.0, 7.0, 8.0, 9.0, 10.0);
    }

    @Test
    void undefinedValuesAreKeptAndOlderCurvesAreIgnored() {
        history.record("m", T0, null);
        history.record("m", T0 + 2 * MINUTE, 0.4);
        history.record("m", T0 + MINUTE, 0.9); // replayed out of order: older than what we have
        assertThat(history.of("m").points()).extracting(RhAucHistory.Point::rhAuc).containsExactly(null, 0.4);
        assertThat(history.of("unknown").points()).isEmpty();
        assertThat(history.all()).extracting(RhAucHistory.ModelHistory::model).containsExactly("m");
    }
}
