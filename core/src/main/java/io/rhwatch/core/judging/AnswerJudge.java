package io.rhwatch.core.judging;

import io.rhwatch.core.judging.AnswerExtractor.Extraction;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rule-based verdicts: extracts the model's answer ({@link AnswerExtractor}) and compares it with
 * the ground truth. Ground truth is read with the same rules, so it may be a letter or the
 * option's text, a number with units or a fraction, "Yes." and so on.
 */
public final class AnswerJudge {

    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    // The ground truth right after one of these words is being denied, not given: "there is no red circle".
    private static final Pattern NEGATED = Pattern.compile("\\b(?:no|not|never|neither|nor|without)$");

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
     * @param type        the question type; unspecified is inferred from the choices and the ground truth
     * @param output      the model's final answer text (a think block in it is skipped)
     * @param groundTruth the expected answer; must not be blank
     * @param choices     the options of a multiple-choice question, in letter order; may be empty
     */
    public Decision judge(QuestionType type, String output, String groundTruth, List<String> choices) {
        if (groundTruth == null || groundTruth.isBlank()) {
            throw new IllegalArgumentException("groundTruth: empty; an unlabelled answer cannot be judged");
        }
        List<String> options = choices == null ? List.of() : choices;
        QuestionType effective = effectiveType(type, groundTruth, options);
        Optional<Extraction> found = AnswerExtractor.extract(effective, output, options);
        if (found.isEmpty()) {
            return new Decision(Verdict.VERDICT_UNPARSEABLE, "", AnswerExtractor.ruleFor(effective));
        }
        Extraction answer = found.get();
        boolean correct = switch (effective) {
            case QUESTION_TYPE_MULTI_CHOICE -> sameOption(answer.answer(), groundTruth, options);
            case QUESTION_TYPE_NUMERIC -> sameNumber(answer.answer(), groundTruth);
            case QUESTION_TYPE_YES_NO -> sameYesNo(answer.answer(), groundTruth);
            default -> mentions(answer.answer(), groundTruth);
        };
        return new Decision(correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT, answer.answer(), answer.method());
    }

    private static QuestionType effectiveType(QuestionType type, String groundTruth, List<String> choices) {
        if (type != QuestionType.QUESTION_TYPE_UNSPECIFIED && type != QuestionType.UNRECOGNIZED) {
            return type;
        }
        if (!choices.isEmpty()) {
            return QuestionType.QUESTION_TYPE_MULTI_CHOICE;
        }
        String truth = AnswerExtractor.normalise(groundTruth);
        if (truth.equals("yes") || truth.equals("no")) {
            return QuestionType.QUESTION_TYPE_YES_NO;
        }
        if (truth.split(" ").length <= 2 && !Numbers.digitsIn(groundTruth).isEmpty()) {
            return QuestionType.QUESTION_TYPE_NUMERIC;
        }
        return QuestionType.QUESTION_TYPE_FREE_FORM;
    }

    /** The ground truth may name the option by letter or by its text. */
    private static boolean sameOption(String letter, String groundTruth, List<String> choices) {
        Optional<Extraction> expected = AnswerExtractor.extract(QuestionType.QUESTION_TYPE_MULTI_CHOICE, groundTruth, choices);
        if (expected.isPresent()) {
            return expected.get().answer().equals(letter);
        }
        int index = letter.charAt(0) - 'A';
        return index < choices.size()
                && AnswerExtractor.normalise(choices.get(index)).equals(AnswerExtractor.normalise(groundTruth));
    }

    private boolean sameNumber(String answer, String groundTruth) {
        List<BigDecimal> expected = Numbers.digitsIn(groundTruth);
        Optional<BigDecimal> truth = expected.isEmpty() ? Numbers.firstWordIn(groundTruth) : Optional.of(expected.get(0));
        if (truth.isEmpty()) {
            return AnswerExtractor.normalise(answer).equals(AnswerExtractor.normalise(groundTruth));
        }
        return Numbers.close(new BigDecimal(answer), truth.get(), relativeTolerance);
    }

    private static boolean sameYesNo(String answer, String groundTruth) {
        return AnswerExtractor.extract(QuestionType.QUESTION_TYPE_YES_NO, groundTruth, List.of())
                .map(expected -> expected.answer().equals(answer))
                .orElseGet(() -> AnswerExtractor.normalise(answer).equals(AnswerExtractor.normalise(groundTruth)));
    }

    /** Free form: the ground truth occurs in the answer as whole words, and is not negated there. */
    private static boolean mentions(String answer, String groundTruth) {
        String haystack = " " + AnswerExtractor.normalise(answer) + " ";
        String needle = " " + AnswerExtractor.normalise(groundTruth) + " ";
        if (needle.isBlank()) {
            return false;
        }
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            if (!NEGATED.matcher(haystack.substring(0, at).strip()).find()) {
                return true;
            }
        }
        return false;
    }
}
