package io.rhwatch.loadtests;

import io.rhwatch.loadtests.FaultScenario.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScenarioOutcomeTest {

    private static final Map<String, Integer> COMPLETE = Map.of("p-0", 1, "p-16", 1);
    private static final Map<String, Integer> PARTIAL = Map.of("p-0", 1);

    @Test
    void oneCompleteSetOrOneDeadLetterIsAllowed() {
        assertThat(Outcome.of(COMPLETE, 0)).isEqualTo(Outcome.ANSWERED);
        assertThat(Outcome.of(Map.of(), 1)).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void partialResponsesWithADeadLetterAreMixedNotSettled() {
        assertThat(Outcome.of(PARTIAL, 1)).isEqualTo(Outcome.MIXED);
    }

    @Test
    void anythingWrittenTwiceIsDuplicated() {
        assertThat(Outcome.of(Map.of("p-0", 2, "p-16", 1), 0)).isEqualTo(Outcome.DUPLICATED);
        assertThat(Outcome.of(Map.of(), 2)).isEqualTo(Outcome.DUPLICATED);
        assertThat(Outcome.of(COMPLETE, 1)).isEqualTo(Outcome.DUPLICATED);
    }

    @Test
    void incompleteWithoutADeadLetterIsLost() {
        assertThat(Outcome.of(PARTIAL, 0)).isEqualTo(Outcome.LOST);
        assertThat(Outcome.of(Map.of(), 0)).isEqualTo(Outcome.LOST);
    }
}
