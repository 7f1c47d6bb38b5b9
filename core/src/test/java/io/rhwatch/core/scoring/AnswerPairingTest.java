package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.rhwatch.proto.v1.Corruption.CORRUPTION_BLANK_IMAGE;
import static io.rhwatch.proto.v1.Corruption.CORRUPTION_NONE;
import static io.rhwatch.proto.v1.Corruption.CORRUPTION_RANDOM_IMAGE;
import static io.rhwatch.proto.v1.Corruption.CORRUPTION_TEXT_REMOVAL;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerPairingTest {

    @Test
    void aCorruptedAnswerWaitsForTheCleanOneAndIsThenCompared() {
        AnswerPairing.Outcome blank = AnswerPairing.add(null, judgment(CORRUPTION_BLANK_IMAGE, "B"));
        assertThat(blank.pairs()).isEmpty();
        AnswerPairing.Outcome random = AnswerPairing.add(blank.state(), judgment(CORRUPTION_RANDOM_IMAGE, "C"));
        assertThat(random.pairs()).isEmpty();

        AnswerPairing.Outcome clean = AnswerPairing.add(random.state(), judgment(CORRUPTION_NONE, "B"));

        assertThat(clean.pairs()).containsExactly(pair(CORRUPTION_BLANK_IMAGE, true), pair(CORRUPTION_RANDOM_IMAGE, false));
        assertThat(clean.state().getWaitingList()).isEmpty();
        assertThat(clean.state().getCleanAnswer()).isEqualTo("B");

        AnswerPairing.Outcome late = AnswerPairing.add(clean.state(), judgment(CORRUPTION_TEXT_REMOVAL, "b"));
        assertThat(late.pairs()).containsExactly(pair(CORRUPTION_TEXT_REMOVAL, true));
    }

    @Test
    void anUnparseableCleanAnswerIsNoReferenceAndAnUnparseableCorruptedAnswerHasChanged() {
        AnswerPairing.Outcome unparseableClean = AnswerPairing.add(null, unparseable(CORRUPTION_NONE));
        assertThat(AnswerPairing.add(unparseableClean.state(), judgment(CORRUPTION_BLANK_IMAGE, "B")).pairs()).isEmpty();

        AnswerPairing.Outcome clean = AnswerPairing.add(null, judgment(CORRUPTION_NONE, "B"));
        assertThat(AnswerPairing.add(clean.state(), unparseable(CORRUPTION_BLANK_IMAGE)).pairs())
                .containsExactly(pair(CORRUPTION_BLANK_IMAGE, false));
    }

    @Test
    void theStateIsDoneOnceTheCleanAnswerAndEveryExpectedCorruptionWerePaired() {
        Set<Corruption> expected = Set.of(CORRUPTION_BLANK_IMAGE, CORRUPTION_TEXT_REMOVAL);
        AnswerPairing.Outcome blank = AnswerPairing.add(null, judgment(CORRUPTION_BLANK_IMAGE, "B"), expected);
        AnswerPairing.Outcome clean = AnswerPairing.add(blank.state(), judgment(CORRUPTION_NONE, "B"), expected);
        assertThat(clean.state()).isNotNull();
        assertThat(clean.state().getPairedList()).containsExactly(CORRUPTION_BLANK_IMAGE);

        AnswerPairing.Outcome text = AnswerPairing.add(clean.state(), judgment(CORRUPTION_TEXT_REMOVAL, "C"), expected);

        assertThat(text.pairs()).containsExactly(pair(CORRUPTION_TEXT_REMOVAL, false));
        assertThat(text.state()).isNull();
        // Without the expected corruptions nothing is ever complete (offline scoring keeps its states).
        assertThat(AnswerPairing.add(clean.state(), judgment(CORRUPTION_TEXT_REMOVAL, "C")).state()).isNotNull();
    }

    @Test
    void aSecondCleanAnswerStartsANewRunPairedAgainstItself() {
        AnswerPairing.Outcome first = AnswerPairing.add(null, judgment(CORRUPTION_NONE, "B"));
        AnswerPairing.Outcome second = AnswerPairing.add(first.state(), judgment(CORRUPTION_NONE, "C"));
        assertThat(second.pairs()).isEmpty();
        assertThat(second.state().getCleanAnswer()).isEqualTo("C");
        assertThat(AnswerPairing.add(second.state(), judgment(CORRUPTION_BLANK_IMAGE, "C")).pairs())
                .containsExactly(pair(CORRUPTION_BLANK_IMAGE, true));
    }

    @Test
    void judgmentsWithoutASampleCannotBePaired() {
        assertThat(AnswerPairing.key(judgment("", CORRUPTION_NONE, "B"))).isNull();
        assertThat(AnswerPairing.key(judgment(CORRUPTION_NONE, "B"))).isEqualTo("m|s1|100");
    }

    @Test
    void theCountsDoNotDependOnArrivalOrder() {
        List<Judgment> judgments = new ArrayList<>();
        for (int sample = 0; sample < 30; sample++) {
            String clean = sample % 3 == 0 ? "" : "A";
            judgments.add(judgment("s" + sample, CORRUPTION_NONE, clean));
            judgments.add(judgment("s" + sample, CORRUPTION_BLANK_IMAGE, sample % 2 == 0 ? "A" : "C"));
            judgments.add(judgment("s" + sample, CORRUPTION_TEXT_REMOVAL, sample % 5 == 0 ? "" : "A"));
        }
        ModelTally expected = fold(judgments);
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(judgments, random);
            ModelTally shuffled = fold(judgments);
            assertThat(cellsWithoutOrder(shuffled)).isEqualTo(cellsWithoutOrder(expected));
        }
        // 20 samples have a clean answer; blank keeps "A" on the even ones among them, text removal on those not divisible by 5.
        assertThat(expected.getCellsList()).filteredOn(c -> c.getCorruption() == CORRUPTION_BLANK_IMAGE)
                .singleElement().satisfies(c -> {
                    assertThat(c.getPaired()).isEqualTo(20);
                    assertThat(c.getUnchanged()).isEqualTo(10);
                });
    }

    private static ModelTally fold(List<Judgment> judgments) {
        Map<String, PairingState> states = new HashMap<>();
        ModelTally tally = Tallies.empty("m");
        for (Judgment judgment : judgments) {
            String key = AnswerPairing.key(judgment);
            AnswerPairing.Outcome outcome = AnswerPairing.add(states.get(key), judgment);
            states.put(key, outcome.state());
            tally = Tallies.add(tally, judgment, outcome.pairs());
        }
        return tally;
    }

    private static Map<String, String> cellsWithoutOrder(ModelTally tally) {
        Map<String, String> cells = new HashMap<>();
        tally.getCellsList().forEach(c -> cells.put(c.getBudget() + "/" + c.getTask() + "/" + c.getCorruption(), c.toString()));
        return cells;
    }

    private static Judgment judgment(Corruption corruption, String answer) {
        return judgment("s1", corruption, answer);
    }

    private static Judgment judgment(String sampleId, Corruption corruption, String answer) {
        return Judgment.newBuilder()
                .setModel("m").setSample(SampleRef.newBuilder().setSampleId(sampleId).setTask(Task.TASK_PERCEPTION))
                .setBudget(100).setCorruption(corruption)
                .setVerdict(answer.isEmpty() ? Verdict.VERDICT_UNPARSEABLE : Verdict.VERDICT_INCORRECT)
                .setExtractedAnswer(answer)
                .build();
    }

    private static Judgment unparseable(Corruption corruption) {
        return judgment(corruption, "");
    }

    private static AnswerPair pair(Corruption corruption, boolean unchanged) {
        return AnswerPair.newBuilder().setBudget(100).setTask(Task.TASK_PERCEPTION).setCorruption(corruption)
                .setUnchanged(unchanged).build();
    }
}
