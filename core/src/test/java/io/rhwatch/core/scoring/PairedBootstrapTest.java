package io.rhwatch.core.scoring;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedBootstrapTest {

    @Test
    void aRecentredIntervalShiftedPastTheRangeStaysInsideIt() {
        // 98 replicates at the estimate 0 and two at 1: the mean moves 0.02 up, the percentiles stay at 0, so the
        // re-centred interval [−0.02, −0.02] lies below the range [0, 1] (this failed the aggregator's curve once).
        double[] replicates = new double[100];
        Arrays.fill(replicates, 98, 100, 1.0);

        Interval interval = PairedBootstrap.recentredPercentile(0.0, replicates, 0, 1);

        assertThat(interval.low()).isEqualTo(0.0);
        assertThat(interval.high()).isEqualTo(0.0);
    }

    @Test
    void aRecentredIntervalInsideTheRangeIsShiftedByTheBias() {
        double[] replicates = {0.4, 0.5, 0.6};

        Interval interval = PairedBootstrap.recentredPercentile(0.45, replicates, 0, 1);

        // bias 0.05; percentiles 0.405 and 0.595
        assertThat(interval.low()).isCloseTo(0.355, within(1e-12));
        assertThat(interval.high()).isCloseTo(0.545, within(1e-12));
    }
}
