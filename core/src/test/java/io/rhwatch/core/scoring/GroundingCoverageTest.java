package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence for the grounding interval (docs/STATISTICS.md): datasets simulated with a known true grounding (the
 * probability that a perception answer changes when the image is blanked or swapped), unlabelled answers run through
 * the aggregator's own code (answer pairing, tallies, {@link LabelFree}), and the share of datasets whose 95% Wilson
 * interval covers the truth. Each dataset has unparseable answers too: a clean one makes no pair, a corrupted one
 * counts as changed, so the truth is the change rate among pairs with a parseable clean answer.
 */
class GroundingCoverageTest {

    private static final int BUDGET = 200;
    private static final Set<Corruption> BOTH = EnumSet.of(Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE);
    private static final List<String> OPTIONS = List.of("A", "B", "C", "D");

    @Test
    void theGroundingIntervalCoversTheTrueRateAboutNinetyFivePercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(2604_03179L);
        // A well grounded model, a middling one and one that mostly ignores the image, at a few hundred samples.
        for (double truth : new double[] {0.9, 0.6, 0.25}) {
            double coverage = coverage(truth, 150, 0, 300, random);
            System.out.printf("grounding %.2f, 150 samples, independent pairs: coverage %.3f%n", truth, coverage);
            assertThat(coverage).isBetween(0.92, 0.98);
        }
    }

    @Test
    void aSamplesTwoCorruptionsMovingTogetherNarrowTheIntervalTooMuch() {
        // Reported in docs/STATISTICS.md: when a sample's blank and random answers change together (the model
        // reads this image or it does not), its two pairs are one piece of evidence, and the pooled Wilson interval,
        // which counts them as two, covers less than 95%.
        SplittableRandom random = new SplittableRandom(2604_03179L);
        double coverage = coverage(0.6, 150, 0.8, 300, random);
        System.out.printf("grounding 0.60, 150 samples, pairs correlated 0.8 within a sample: coverage %.3f%n", coverage);
        assertThat(coverage).isLessThan(0.92);
    }

    /**
     * @param together the probability that a sample's random-image answer changes exactly when its blank-image one did
     *                 (otherwise independently); 0 makes the pairs independent
     */
    private static double coverage(double truth, int samples, double together, int datasets, SplittableRandom random) {
        int covered = 0;
        for (int d = 0; d < datasets; d++) {
            ModelTally tally = Tallies.empty("sim");
            for (int s = 0; s < samples; s++) {
                PairingState state = null;
                boolean cleanParseable = random.nextDouble() >= 0.05;
                String clean = cleanParseable ? OPTIONS.get(random.nextInt(4)) : "";
                boolean blankChanged = random.nextDouble() < truth;
                boolean randomChanged = random.nextDouble() < together ? blankChanged : random.nextDouble() < truth;
                for (Judgment judgment : List.of(answer(s, Corruption.CORRUPTION_NONE, clean),
                        answer(s, Corruption.CORRUPTION_BLANK_IMAGE, corrupted(clean, blankChanged, random)),
                        answer(s, Corruption.CORRUPTION_RANDOM_IMAGE, corrupted(clean, randomChanged, random)))) {
                    AnswerPairing.Outcome outcome = AnswerPairing.add(state, judgment, BOTH);
                    state = outcome.state();
                    tally = Tallies.add(tally, judgment, outcome.pairs());
                }
            }
            LabelFree.Grounding grounding = LabelFree.of(tally).grounding().get(0);
            if (grounding.groundingCi().contains(truth)) {
                covered++;
            }
        }
        return (double) covered / datasets;
    }

    /** A changed answer is another option, or (one time in ten) no answer at all. */
    private static String corrupted(String clean, boolean changed, SplittableRandom random) {
        if (!changed) {
            return clean;
        }
        if (random.nextDouble() < 0.1) {
            return "";
        }
        String other;
        do {
            other = OPTIONS.get(random.nextInt(4));
        } while (other.equals(clean));
        return other;
    }

    private static Judgment answer(int sample, Corruption corruption, String answer) {
        return Judgment.newBuilder().setModel("sim")
                .setSample(SampleRef.newBuilder()
                        .setSampleId("s" + sample)
                        .setTask(Task.TASK_PERCEPTION)
                        .setQuestionType(QuestionType.QUESTION_TYPE_MULTI_CHOICE)).setBudget(BUDGET)
                .setCorruption(corruption).setVerdict(Verdict.VERDICT_UNLABELLED).setExtractedAnswer(answer)
                .setMethod(answer.isEmpty() ? "unlabelled:unparseable" : "unlabelled:option_letter").build();
    }
}
