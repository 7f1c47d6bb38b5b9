package io.rhwatch.core.judging;

import io.rhwatch.core.judging.AnswerExtractor.Extraction;
import io.rhwatch.core.judging.AnswerExtractor.Answer;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * Rule-based verdicts ({@link #judge}) and, for answers without a ground truth, the answer alone ({@link #read}).
 * Rule-based verdicts: reads the ground truth's form ({@link GroundTruth}), finds the model's answer
 * of that form ({@link AnswerExtractor}) and compares the two. The ground truth's form decides the
 * comparison, not the question type: a numeric ground truth is compared as a number, an option's
 * text as that option, {@code Yes.} as a yes.
 */
public final class AnswerJudge {

    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    private final double relativeTolerance;

    public AnswerJudge() {
        this(DEFAULT_RELATIVE_TOLERANCE);
    }

    /** @param relativeTolerance how far apart two numbers may be, relative to the larger, and still be equal */
    public AnswerJudge(double relativeTolerance) {
        if (!(relativeTolerance >= 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("relativeTolerance: must be in [0, 1), was " + relativeTolerance);
        }
        this.relativeTolerance = relativeTolerance;
    }

    /**
     * @param type        the question type; it decides only what the ground truth cannot (a letter without choices)
     * @param question    the question asked (blank when unknown); a yes/no answer given as a statement must be about
     *                    what it asks ({@link QuestionTopic})
     * @param output      the model's final answer text (a think block in it is skipped)
     * @param groundTruth the expected answer; must not be blank
     * @param choices     the options of a multiple-choice question, in letter order; may be empty
     */
    public Decision judge(QuestionType type, String question, String output, String groundTruth, List<String> choices) {
        if (groundTruth == null || groundTruth.isBlank()) {
            throw new IllegalArgumentException("groundTruth: empty; an unlabelled answer cannot be judged");
        }
        List<String> options = choices == null ? List.of() : choices;
        GroundTruth truth = GroundTruth.read(type, groundTruth, options);
        Optional<Answer> found = AnswerExtractor.find(truth.form(), question, output, options);
        if (found.isEmpty()) {
            return new Decision(Verdict.VERDICT_UNPARSEABLE, "", AnswerExtractor.ruleFor(truth.form()));
        }
        Extraction answer = found.get().extraction();
        boolean correct = !answer.method().equals(AnswerExtractor.HEDGED) && switch (truth.form()) {
            case OPTION -> answer.answer().equals(String.valueOf((char) ('A' + truth.option())));
            case NUMBER -> found.get().numbers().stream().anyMatch(n -> Numbers.same(n, truth.number(), relativeTolerance));
            case YES_NO -> answer.answer().equals(truth.text());
            case TEXT -> Phrases.assertedIn(answer.answer(), truth.text());
        };
        return new Decision(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT, answer.answer(), answer.method());
    }

    /** The method prefix of an answer read without a ground truth ({@link #read}). */
    public static final String UNLABELLED = "unlabelled:";
    /** The method of an unlabelled answer in which no answer could be found. */
    public static final String UNLABELLED_UNPARSEABLE = UNLABELLED + "unparseable";

    /**
     * The answer of an output that has no ground truth, read by the rules {@link #judge} uses, with the form the
     * question implies instead of the one the ground truth would: an option letter when there are choices (or the
     * question is multiple choice), else a number, a yes or a no, or the answer text normalised
     * ({@link AnswerExtractor#normalise}) by question type. The verdict is {@link Verdict#VERDICT_UNLABELLED}; the
     * method is {@code unlabelled:<rule>} ({@code unlabelled:option_letter}, {@code unlabelled:hedged}, ...), and
     * {@link #UNLABELLED_UNPARSEABLE} with an empty answer when none could be found.
     */
    public Decision read(QuestionType type, String question, String output, List<String> choices) {
        List<String> options = choices == null ? List.of() : choices;
        GroundTruth.Form form = options.isEmpty() ? GroundTruth.formOf(type) : GroundTruth.Form.OPTION;
        Optional<Answer> found = AnswerExtractor.find(form, question, output, options);
        if (found.isEmpty()) {
            return new Decision(Verdict.VERDICT_UNLABELLED, "", UNLABELLED_UNPARSEABLE);
        }
        Extraction answer = found.get().extraction();
        String text = form == GroundTruth.Form.TEXT ? AnswerExtractor.normalise(answer.answer()) : answer.answer();
        if (text.isEmpty()) {
            return new Decision(Verdict.VERDICT_UNLABELLED, "", UNLABELLED_UNPARSEABLE);
        }
        return new Decision(Verdict.VERDICT_UNLABELLED, text, UNLABELLED + answer.method().substring("rule:".length()));
    }
}
