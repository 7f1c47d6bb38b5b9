package io.rhwatch.core.scoring;

import io.rhwatch.core.judging.AnswerExtractor;
import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.CorruptedAnswer;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Answer invariance (arXiv 2604.03179): a corrupted answer is compared with the clean answer to
 * the same sample at the same budget; an unchanged answer was not grounded in the evidence the
 * corruption removed. The answers of one sample|model|budget are kept in a {@link PairingState}
 * until they can be paired; whichever arrives first waits for the other.
 * <p>
 * A pair exists only when the clean answer was extracted (an unparseable clean answer is no
 * reference). A corrupted answer is unchanged when it was extracted and equals the clean one after
 * {@link AnswerExtractor#normalise}; an unparseable corrupted answer (often a refusal) has changed.
 */
public final class AnswerPairing {

    /** @param state the state to store for the key; {@code pairs} the pairs the judgment completed */
    public record Outcome(PairingState state, List<AnswerPair> pairs) {
    }

    private AnswerPairing() {
    }

    /** The pairing key, or null when the judgment cannot be paired (no sample id). */
    public static String key(Judgment judgment) {
        if (judgment.getSampleId().isBlank()) {
            return null;
        }
        return judgment.getModel() + "|" + judgment.getSampleId() + "|" + judgment.getBudget();
    }

    /** @param state what is stored under {@link #key} so far, or null */
    public static Outcome add(PairingState state, Judgment judgment) {
        PairingState current = state == null ? PairingState.newBuilder().setTask(judgment.getTask()).build() : state;
        String answer = answerOf(judgment);
        List<AnswerPair> pairs = new ArrayList<>();
        if (judgment.getCorruption() == Corruption.CORRUPTION_NONE) {
            if (current.getCleanJudged()) {
                // A redelivered clean judgment: its pairs were counted the first time.
                return new Outcome(current, pairs);
            }
            for (CorruptedAnswer waiting : current.getWaitingList()) {
                pair(answer, waiting.getCorruption(), waiting.getAnswer(), judgment, pairs);
            }
            return new Outcome(current.toBuilder().setCleanJudged(true).setCleanAnswer(answer).clearWaiting().build(), pairs);
        }
        if (current.getCleanJudged()) {
            pair(current.getCleanAnswer(), judgment.getCorruption(), answer, judgment, pairs);
            return new Outcome(current, pairs);
        }
        PairingState waiting = current.toBuilder()
                .addWaiting(CorruptedAnswer.newBuilder().setCorruption(judgment.getCorruption()).setAnswer(answer))
                .build();
        return new Outcome(waiting, pairs);
    }

    private static void pair(String clean, Corruption corruption, String corrupted, Judgment judgment, List<AnswerPair> pairs) {
        if (clean.isEmpty()) {
            return;
        }
        pairs.add(AnswerPair.newBuilder()
                .setBudget(judgment.getBudget())
                .setTask(judgment.getTask())
                .setCorruption(corruption)
                .setUnchanged(!corrupted.isEmpty()
                        && AnswerExtractor.normalise(corrupted).equals(AnswerExtractor.normalise(clean)))
                .build());
    }

    private static String answerOf(Judgment judgment) {
        return judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? "" : judgment.getExtractedAnswer();
    }
}
