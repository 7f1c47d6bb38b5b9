package io.rhwatch.loadtests;

import io.rhwatch.loadtests.Visibility.Seen;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mesh benchmark's reading of when each judgment became visible. */
class VisibilityTest {

    @Test
    void theNthJudgmentWrittenIsVisibleOnceBothViewsCountTheStartPlusN() {
        // model m had 10 judgments counted at the start; three more were written at 1000, 1100 and 1200 ms
        Map<String, List<Long>> written = Map.of("m", List.of(1000L, 1100L, 1200L));
        // the stream showed 11 at 1300 and 13 at 1500; the polled list 12 at 1250 and 13 at 1600
        Map<String, List<Seen>> stream = Map.of("m", List.of(new Seen(1300, 11), new Seen(1500, 13)));
        Map<String, List<Seen>> models = Map.of("m", List.of(new Seen(1250, 12), new Seen(1600, 13)));

        List<Long> latencies = Visibility.latenciesMs(Map.of("m", 10L), written, stream, models);

        // judgment 1: stream 1300, list 1250 → 300; judgment 2: stream 1500, list 1250 → 400; judgment 3: 1500, 1600 → 400
        assertThat(latencies).containsExactly(300L, 400L, 400L);
    }

    @Test
    void aJudgmentOneViewNeverShowedIsLeftOut() {
        Map<String, List<Long>> written = Map.of("m", List.of(1000L, 1100L));
        Map<String, List<Seen>> stream = Map.of("m", List.of(new Seen(1200, 2)));
        Map<String, List<Seen>> models = Map.of("m", List.of(new Seen(1150, 1)));

        assertThat(Visibility.latenciesMs(Map.of(), written, stream, models)).containsExactly(200L);
    }

    @Test
    void quantilesAreNearestRank() {
        List<Long> values = List.of(5L, 1L, 4L, 2L, 3L, 10L, 9L, 8L, 7L, 6L);

        assertThat(Visibility.quantile(values, 0.5)).isEqualTo(5);
        assertThat(Visibility.quantile(values, 0.99)).isEqualTo(10);
        assertThat(Visibility.quantile(List.of(), 0.5)).isEqualTo(-1);
    }
}
