package io.rhwatch.core.judging;

import io.rhwatch.core.judging.GroundTruth.Form;
import io.rhwatch.proto.v1.QuestionType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the answer a model gave in its output text.
 * <p>
 * Only the text after the last {@code </think>} counts when a think block is present (the block itself when
 * nothing follows it). Full-width punctuation reads as ASCII. An explicit
 * answer marker ({@code <answer>…</answer>}, {@code \boxed{…}}, {@code Answer: …},
 * {@code The answer is …}) wins over anything else, the last marker first, so stray letters and
 * numbers in reasoning are not mistaken for the answer. Without a marker, each form of answer has
 * conservative fallbacks; an output that stops mid-sentence gets none, because its answer was never
 * written. Options offered together ("A and C", "either B or C") are read as a hedge.
 */
public final class AnswerExtractor {

    public static final String OPTION_LETTER = "rule:option_letter";
    public static final String OPTION_TEXT = "rule:option_text";
    public static final String NUMBER = "rule:number";
    public static final String YES_NO = "rule:yes_no";
    public static final String FREE_TEXT = "rule:free_text";
    /** Several options or numbers offered at once: the answer picks none of them, so it is incorrect. */
    public static final String HEDGED = "rule:hedged";

    /**
     * An answer found in an output.
     *
     * @param answer canonical form: option letter, plain decimal, {@code yes}/{@code no}, or the answer text
     *               ({@code A or C} for a hedge)
     * @param method the rule that found it
     */
    public record Extraction(String answer, String method) {
    }

    /** An answer with the numbers it gives, for comparing with a numeric ground truth. */
    record Answer(Extraction extraction, List<Numbers.Mention> numbers) {
    }

    private AnswerExtractor() {
    }

    /**
     * The answer in {@code output} for a question of {@code type} (unspecified is read as free form), or empty
     * when none can be found. The question itself is not known here, so a yes/no statement answers nothing
     * ({@link QuestionTopic}).
     */
    public static Optional<Extraction> extract(QuestionType type, String output, List<String> choices) {
        return find(GroundTruth.formOf(type), "", output, choices == null ? List.of() : choices).map(Answer::extraction);
    }

    /** The rule that reads answers of a form; reported even when it found nothing. */
    static String ruleFor(Form form) {
        return switch (form) {
            case OPTION -> OPTION_LETTER;
            case NUMBER -> NUMBER;
            case YES_NO -> YES_NO;
            case TEXT -> FREE_TEXT;
        };
    }

    /** Lower case, punctuation and articles dropped, single spaces: for comparing answer texts. */
    public static String normalise(String text) {
        return Phrases.normalise(text);
    }

    static Optional<Answer> find(Form form, String question, String output, List<String> choices) {
        QuestionTopic topic = form == Form.YES_NO ? QuestionTopic.of(question) : QuestionTopic.UNKNOWN;
        String text = AnswerText.finalText(AnswerText.halfWidth(output == null ? "" : output));
        if (text.isBlank()) {
            return Optional.empty();
        }
        for (String span : AnswerText.markedSpans(text)) {
            Optional<Answer> found = inSpan(form, AnswerText.clean(span), choices, topic);
            if (found.isPresent()) {
                return found;
            }
        }
        String cleaned = AnswerText.clean(text);
        boolean cutOff = AnswerText.looksCutOff(cleaned);
        return switch (form) {
            case OPTION -> OptionReader.inText(cleaned, choices, cutOff).map(e -> new Answer(e, List.of()));
            case NUMBER -> NumberReader.inText(cleaned, cutOff).map(AnswerExtractor::number);
            case YES_NO -> YesNoReader.inText(cleaned, cutOff, topic).map(AnswerExtractor::yesNo);
            case TEXT -> AnswerText.refuses(cleaned) ? Optional.empty() : Optional.of(text(cleaned));
        };
    }

    private static Optional<Answer> inSpan(Form form, String span, List<String> choices, QuestionTopic topic) {
        if (span.isEmpty()) {
            return Optional.empty();
        }
        return switch (form) {
            case OPTION -> OptionReader.inSpan(span, choices).map(e -> new Answer(e, List.of()));
            case NUMBER -> NumberReader.inSpan(span).map(AnswerExtractor::number);
            case YES_NO -> YesNoReader.inSpan(span, topic).map(AnswerExtractor::yesNo);
            case TEXT -> AnswerText.refuses(span) ? Optional.empty() : Optional.of(text(span));
        };
    }

    private static Answer number(NumberReader.Found found) {
        if (!found.rivals().isEmpty()) {
            List<String> offered = new ArrayList<>(List.of(Numbers.canonical(found.answer())));
            found.rivals().forEach(rival -> offered.add(Numbers.canonical(rival)));
            return new Answer(new Extraction(String.join(" or ", offered), HEDGED), found.all());
        }
        return new Answer(new Extraction(Numbers.canonical(found.answer()), NUMBER), found.all());
    }

    private static Answer yesNo(String answer) {
        return new Answer(new Extraction(answer, YES_NO), List.of());
    }

    private static Answer text(String answer) {
        return new Answer(new Extraction(answer, FREE_TEXT), List.of());
    }
}
