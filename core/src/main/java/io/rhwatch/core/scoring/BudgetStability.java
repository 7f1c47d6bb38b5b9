package io.rhwatch.core.scoring;

import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.judging.AnswerExtractor;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.LevelAnswer;
import io.rhwatch.proto.v1.StabilityChange;
import io.rhwatch.proto.v1.StabilityState;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Budget stability (docs/LABEL_FREE.md): a sample's clean answer at each level compared with its clean answer at the
 * smallest level it was answered at, labels or not. The clean answers of one model|evaluation are kept in a
 * {@link StabilityState}; as levels arrive in any order, each judgment yields the <em>changes</em> to the counts: a
 * level arriving below the current reference re-bases the sample, taking back what its other levels counted against
 * the old reference. Rules as for answer pairing: an unparseable reference compares nothing; an unparseable answer
 * differs from a parseable reference; answers are equal after {@link AnswerExtractor#normalise}.
 */
public final class BudgetStability {

    /** @param state the state to store; {@code changes} to add to the clean cells' stability counts */
    public record Outcome(StabilityState state, List<StabilityChange> changes) {
    }

    private BudgetStability() {
    }

    /** The key of the sample's clean answers, or null when the judgment takes no part (corrupted, passive, no sample id). */
    public static String key(Judgment judgment) {
        if (judgment.getSample().getSampleId().isBlank() || judgment.getCorruption() != Corruption.CORRUPTION_NONE
                || judgment.getTrafficMode() == TrafficMode.TRAFFIC_MODE_PASSIVE) {
            return null;
        }
        return judgment.getModel() + "|" + RecordIds.evaluation(judgment.getSample());
    }

    /** @param state what is stored under {@link #key} so far, or null */
    public static Outcome add(StabilityState state, Judgment judgment) {
        StabilityState current = state == null ? StabilityState.newBuilder().setTask(judgment.getSample().getTask()).build() : state;
        TreeMap<Integer, String> answers = new TreeMap<>();
        current.getAnswersList().forEach(a -> answers.put(a.getBudget(), a.getAnswer()));
        Map<Integer, Boolean> before = compared(answers);
        // A second answer at a level is a new run of the same deterministic sample id: it replaces the first.
        answers.put(judgment.getBudget(), answerOf(judgment));
        Map<Integer, Boolean> after = compared(answers);

        List<StabilityChange> changes = new ArrayList<>();
        TreeMap<Integer, Boolean> levels = new TreeMap<>(before);
        levels.putAll(after);
        for (int budget : levels.keySet()) {
            Boolean was = before.get(budget);
            Boolean is = after.get(budget);
            int compared = (is == null ? 0 : 1) - (was == null ? 0 : 1);
            int same = (Boolean.TRUE.equals(is) ? 1 : 0) - (Boolean.TRUE.equals(was) ? 1 : 0);
            if (compared != 0 || same != 0) {
                changes.add(StabilityChange.newBuilder().setBudget(budget).setTask(current.getTask())
                        .setCompared(compared).setSame(same).build());
            }
        }
        StabilityState.Builder next = StabilityState.newBuilder().setTask(current.getTask());
        answers.forEach((budget, answer) -> next.addAnswers(LevelAnswer.newBuilder().setBudget(budget).setAnswer(answer)));
        return new Outcome(next.build(), changes);
    }

    /** Each level above the smallest, compared with the smallest: true when the same answer. Empty without a reference. */
    private static Map<Integer, Boolean> compared(TreeMap<Integer, String> answers) {
        Map<Integer, Boolean> compared = new TreeMap<>();
        if (answers.isEmpty()) {
            return compared;
        }
        Map.Entry<Integer, String> reference = answers.firstEntry();
        if (reference.getValue().isEmpty()) {
            return compared;
        }
        String normalised = AnswerExtractor.normalise(reference.getValue());
        answers.forEach((budget, answer) -> {
            if (budget > reference.getKey()) {
                compared.put(budget, !answer.isEmpty() && AnswerExtractor.normalise(answer).equals(normalised));
            }
        });
        return compared;
    }

    private static String answerOf(Judgment judgment) {
        return judgment.getVerdict() == Verdict.VERDICT_UNPARSEABLE ? "" : judgment.getExtractedAnswer();
    }

}
