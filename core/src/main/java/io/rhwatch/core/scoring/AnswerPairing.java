package io.rhwatch.core.scoring;

import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.judging.AnswerExtractor;
import io.rhwatch.proto.v1.AnswerPair;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.CorruptedAnswer;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.PairingState;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answer invariance (arXiv 2604.03179): a corrupted answer is compared with the clean answer to
 * the same sample at the same budget, in the same epoch; an unchanged answer was not grounded in the evidence the
 * corruption removed. The answers of one model|evaluation|budget are kept in a {@link PairingState}
 * until they can be paired; whichever arrives first waits for the other.
 * <p>
 * A pair exists only when the clean answer was extracted (an unparseable clean answer is no
 * reference). A corrupted answer is unchanged when it was extracted and equals the clean one after
 * {@link AnswerExtractor#normalise}; an unparseable corrupted answer (often a refusal) has changed. Labels play no
 * part: unlabelled answers ({@code VERDICT_UNLABELLED}, empty when unparseable) pair as labelled ones do.
 */
public final class AnswerPairing {

    /**
     * @param state the state to store for the key, or null once the clean answer and every expected
     *              corruption were paired (nothing is left to wait for); {@code pairs} the pairs the judgment completed
     */
    public record Outcome(PairingState state, List<AnswerPair> pairs) {
    }

    private AnswerPairing() {
    }

    /**
     * The pairing key, or null when the judgment cannot be paired: no sample id, or passive traffic (what the model
     * served is never corrupted, and must not meet a probe's answers at the same budget).
     */
    public static String key(Judgment judgment) {
        if (judgment.getSample().getSampleId().isBlank() || judgment.getTrafficMode() == TrafficMode.TRAFFIC_MODE_PASSIVE) {
            return null;
        }
        return judgment.getModel() + "|" + RecordIds.evaluation(judgment.getSample()) + "|" + judgment.getBudget();
    }

    /** As {@link #add(PairingState, Judgment, Set)} when no set of corruptions is known: the state is never complete. */
    public static Outcome add(PairingState state, Judgment judgment) {
        return add(state, judgment, null);
    }

    /**
     * @param state    what is stored under {@link #key} so far, or null
     * @param expected the corruptions every sample is probed with; once the clean answer and all of
     *                 them were paired the outcome's state is null. Null: never complete.
     */
    public static Outcome add(PairingState state, Judgment judgment, Set<Corruption> expected) {
        PairingState current = state == null ? fresh(judgment) : state;
        String answer = answerOf(judgment);
        List<AnswerPair> pairs = new ArrayList<>();
        PairingState next;
        if (judgment.getCorruption() == Corruption.CORRUPTION_NONE) {
            if (current.getCleanJudged()) {
                // Another clean answer (redeliveries are dropped before pairing): a new run of the same
                // deterministic sample id, paired against its own clean answer from here on.
                current = fresh(judgment);
            }
            PairingState.Builder judged = current.toBuilder().setCleanJudged(true).setCleanAnswer(answer).clearWaiting();
            for (CorruptedAnswer waiting : current.getWaitingList()) {
                pair(answer, waiting.getCorruption(), waiting.getAnswer(), judgment, pairs);
                judged.addPaired(waiting.getCorruption());
            }
            next = judged.build();
        } else if (current.getCleanJudged()) {
            pair(current.getCleanAnswer(), judgment.getCorruption(), answer, judgment, pairs);
            next = current.toBuilder().addPaired(judgment.getCorruption()).build();
        } else {
            next = current.toBuilder()
                    .addWaiting(CorruptedAnswer.newBuilder().setCorruption(judgment.getCorruption()).setAnswer(answer))
                    .build();
        }
        return new Outcome(complete(next, expected) ? null : next, pairs);
    }

    private static PairingState fresh(Judgment judgment) {
        return PairingState.newBuilder().setTask(judgment.getSample().getTask()).build();
    }

    private static boolean complete(PairingState state, Set<Corruption> expected) {
        return expected != null && state.getCleanJudged() && state.getPairedList().containsAll(expected);
    }

    private static void pair(String clean, Corruption corruption, String corrupted, Judgment judgment, List<AnswerPair> pairs) {
        if (clean.isEmpty()) {
            return;
        }
        pairs.add(AnswerPair.newBuilder()
                .setBudget(judgment.getBudget())
                .setTask(judgment.getSample().getTask())
                .setCorruption(corruption)
                .setUnchanged(!corrupted.isEmpty()
                        && AnswerExtractor.normalise(corrupted).equals(AnswerExtractor.normalise(clean)))
                .build());
    }

    private static String answerOf(Judgment judgment) {
        return judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? "" : judgment.getExtractedAnswer();
    }
}
