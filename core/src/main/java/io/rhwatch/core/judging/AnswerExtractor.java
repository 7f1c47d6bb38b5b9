package io.rhwatch.core.judging;

import io.rhwatch.proto.v1.QuestionType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the answer a model gave in its output text.
 * <p>
 * Only the text after the last {@code </think>} counts when a think block is present. An explicit
 * answer marker ({@code <answer>…</answer>}, {@code \boxed{…}}, {@code Answer: …},
 * {@code The answer is …}) wins over anything else, the last marker first, so stray letters and
 * numbers in reasoning are not mistaken for the answer. Without a marker, each question type has
 * conservative fallbacks; an output that stops mid-sentence gets none, because its answer was
 * never written.
 */
public final class AnswerExtractor {

    public static final String OPTION_LETTER = "rule:option_letter";
    public static final String OPTION_TEXT = "rule:option_text";
    public static final String NUMBER = "rule:number";
    public static final String YES_NO = "rule:yes_no";
    public static final String FREE_TEXT = "rule:free_text";

    /** Letters allowed when a multiple-choice question arrives without its choices. */
    private static final int LETTERS_WITHOUT_CHOICES = 6;
    /** An answer span runs to the end of its line, but no further than this. */
    private static final int MAX_SPAN = 300;

    /**
     * An answer found in an output.
     *
     * @param answer canonical form: option letter, plain decimal, {@code yes}/{@code no}, or the answer text
     * @param method the rule that found it
     */
    public record Extraction(String answer, String method) {
    }

    private static final String THINK_OPEN = "<think>";
    private static final String THINK_CLOSE = "</think>";

    private static final Pattern ANSWER_TAG = Pattern.compile("<answer>(.*?)(?:</answer>|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BOXED = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
    // "Answer: B", "**Answer:** B", "**Answer**: B", "Final answer: 12"
    private static final Pattern ANSWER_LABEL = Pattern.compile(
            "\\b(?:final\\s+)?answer\\s*(?:\\*\\*|__)?\\s*[:\uFF1A]\\s*(?:\\*\\*|__)?", Pattern.CASE_INSENSITIVE);
    // "The answer is (B).", "the correct answer would be 12", "the correct option is (C) green"
    private static final Pattern ANSWER_IS = Pattern.compile(
            "\\b(?:answer|option|choice)\\s+(?:is|would\\s+be|should\\s+be|will\\s+be|must\\s+be)\\b\\s*:?",
            Pattern.CASE_INSENSITIVE);

    // A letter standing alone as an option: "B", "(B)", "[B]", "B.", "B)", "B: blue", "B - blue".
    private static final Pattern LEADING_LETTER = Pattern.compile(
            "^\\s*(?:\\(([A-Z])\\)|\\[([A-Z])]|([A-Z])(?=\\s*$|\\s*[.:)\\]]|\\s+[-\u2013\u2014]\\s|,))");
    // After a marker a lone lower-case letter is an option too: "Answer: b".
    private static final Pattern LONE_LETTER = Pattern.compile("^[(\\[]?([A-Za-z])[)\\]]?\\.?$");
    // "… so the best fit is B." at the very end of the text.
    private static final Pattern TRAILING_LETTER = Pattern.compile(
            "(?:^|[\\s(\\[])\\(?([A-Z])\\)?[.!)\\]]*\\s*$");
    // "Option B is correct", "choice (C) is the right answer", "I'd go with B". Letters stay upper case.
    private static final Pattern OPTION_CLAIM = Pattern.compile(
            "\\b(?i:option|choice)\\s*\\(?([A-Z])\\)?\\s+(?i:is|seems|appears)\\s+(?i:to\\s+be\\s+)?"
                    + "(?i:correct|right|the\\s+(?:correct|right|best)\\s+(?:answer|option|choice))"
                    + "|\\bI(?:'d|'ll|\\s+would|\\s+will)?\\s+(?i:choose|pick|select|go\\s+with)\\s+(?i:option\\s+|choice\\s+)?"
                    + "\\(?([A-Z])\\)?(?!\\w)");
    private static final Pattern OPTION_WORD = Pattern.compile("^(?:option|choice)\\s+", Pattern.CASE_INSENSITIVE);
    // A choice written with its letter, "(A) red" or "A. red", as some datasets store them.
    private static final Pattern CHOICE_PREFIX = Pattern.compile("^\\s*(?:\\([A-Za-z]\\)|[A-Za-z][.)])\\s+");
    private static final Pattern YES_OR_NO = Pattern.compile("^(yes|no)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFUSAL = Pattern.compile(
            "\\b(?:can\\s*not|can't|cannot|unable\\s+to|impossible\\s+to|not\\s+possible\\s+to|no\\s+way\\s+to)\\s+"
                    + "(?:\\w+\\s+)?(?:tell|determine|see|answer|say|know|identify|infer)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LATEX_TEXT = Pattern.compile("\\\\(?:text|mathrm|textbf)\\s*\\{([^{}]*)}");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s)|\\n");
    // Words a sentence never ends on: an output ending on one was cut off.
    private static final Set<String> DANGLING = Set.of("and", "or", "but", "so", "because", "the", "a", "an", "of",
            "to", "is", "are", "was", "were", "be", "with", "which", "that", "then", "than", "we", "i", "it", "in",
            "on", "at", "for", "by", "from", "as", "if", "there", "this", "these", "those", "its", "their", "has",
            "have", "let", "me", "into", "each", "total", "gives", "equals");

    private AnswerExtractor() {
    }

    /** The rule a question type is judged by; reported even when it found nothing. */
    public static String ruleFor(QuestionType type) {
        return switch (type) {
            case QUESTION_TYPE_MULTI_CHOICE -> OPTION_LETTER;
            case QUESTION_TYPE_NUMERIC -> NUMBER;
            case QUESTION_TYPE_YES_NO -> YES_NO;
            default -> FREE_TEXT;
        };
    }

    /**
     * The answer in {@code output} for a question of {@code type} (unspecified is read as free form),
     * or empty when none can be found.
     */
    public static Optional<Extraction> extract(QuestionType type, String output, List<String> choices) {
        String text = finalText(output == null ? "" : output);
        if (text.isBlank()) {
            return Optional.empty();
        }
        List<String> options = choices == null ? List.of() : choices;
        for (String span : markedSpans(text)) {
            Optional<Extraction> found = fromSpan(type, span, options);
            if (found.isPresent()) {
                return found;
            }
        }
        return fallback(type, text, options);
    }

    /** The text after the last {@code </think>}; an unclosed think block has no answer after it. */
    static String finalText(String output) {
        int close = output.lastIndexOf(THINK_CLOSE);
        if (close >= 0) {
            return output.substring(close + THINK_CLOSE.length());
        }
        int open = output.indexOf(THINK_OPEN);
        return open >= 0 ? output.substring(0, open) : output;
    }

    /** Lower case, punctuation and articles dropped, single spaces: for comparing answer texts. */
    public static String normalise(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ");
        return (" " + lower + " ").replaceAll(" (?:a|an|the)(?= )", "").trim().replaceAll("\\s+", " ");
    }

    // ---- explicit markers -------------------------------------------------------------------

    /** Text after every answer marker, strongest kind first, the last occurrence of each kind first. */
    private static List<String> markedSpans(String text) {
        List<String> spans = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Matcher tag = ANSWER_TAG.matcher(text);
        while (tag.find()) {
            tags.add(tag.group(1));
        }
        spans.addAll(reversed(tags));

        List<String> boxes = new ArrayList<>();
        Matcher box = BOXED.matcher(text);
        while (box.find()) {
            boxes.add(braced(text, box.end()));
        }
        spans.addAll(reversed(boxes));

        List<int[]> phrases = new ArrayList<>();
        for (Pattern marker : List.of(ANSWER_LABEL, ANSWER_IS)) {
            Matcher m = marker.matcher(text);
            while (m.find()) {
                phrases.add(new int[] {m.start(), m.end()});
            }
        }
        phrases.sort((a, b) -> Integer.compare(b[0], a[0]));
        for (int[] phrase : phrases) {
            spans.add(restOfLine(text, phrase[1]));
        }
        return spans;
    }

    /** The content of a brace group opened just before {@code from}, nested braces included. */
    private static String braced(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        return text.substring(from);
    }

    /** From {@code from} to the end of the line; the next non-empty line when the marker ends its line. */
    private static String restOfLine(String text, int from) {
        int start = from;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        return text.substring(start, Math.min(end, start + MAX_SPAN));
    }

    private static Optional<Extraction> fromSpan(QuestionType type, String rawSpan, List<String> choices) {
        String span = clean(rawSpan);
        if (span.isEmpty()) {
            return Optional.empty();
        }
        return switch (type) {
            case QUESTION_TYPE_MULTI_CHOICE -> optionInSpan(span, choices);
            case QUESTION_TYPE_NUMERIC -> numberInSpan(span);
            case QUESTION_TYPE_YES_NO -> yesNoAtStart(span);
            default -> REFUSAL.matcher(span).find() ? Optional.empty() : Optional.of(new Extraction(span, FREE_TEXT));
        };
    }

    /** Markdown, LaTeX wrappers and quotes removed, trimmed. */
    private static String clean(String span) {
        String text = LATEX_TEXT.matcher(span).replaceAll("$1")
                .replace("**", "").replace("__", "").replace("`", "")
                .replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", "")
                .replace("$", "");
        return text.strip().replaceAll("^[\"'\u201C\u2018]+|[\"'\u201D\u2019]+$", "").strip();
    }

    // ---- fallbacks without a marker ---------------------------------------------------------

    private static Optional<Extraction> fallback(QuestionType type, String output, List<String> choices) {
        String text = clean(output);
        boolean cutOff = looksCutOff(text);
        return switch (type) {
            case QUESTION_TYPE_MULTI_CHOICE -> optionFallback(text, choices, cutOff);
            case QUESTION_TYPE_NUMERIC -> cutOff && !isShortAnswer(text) ? Optional.empty() : lastNumber(text);
            case QUESTION_TYPE_YES_NO -> yesNoFallback(text);
            default -> REFUSAL.matcher(text).find() ? Optional.empty() : Optional.of(new Extraction(text, FREE_TEXT));
        };
    }

    /** Ends on a comma, colon, dash, an operator, or on a word no sentence ends with: the output was cut short. */
    static boolean looksCutOff(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return false;
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        // a list, clause or sum that was never finished: "1, 2, 3,", "3 + 4 ="
        if (",;:-\u2013(=+*/\u00D7".indexOf(last) >= 0) {
            return true;
        }
        String[] words = trimmed.split("\\s+");
        String lastWord = words[words.length - 1].toLowerCase(Locale.ROOT);
        return words.length > 3 && DANGLING.contains(lastWord);
    }

    private static boolean isShortAnswer(String text) {
        return text.split("\\s+").length <= 3;
    }

    private static String lastSentence(String text) {
        String stripped = text.strip();
        Matcher m = SENTENCE_END.matcher(stripped);
        int start = 0;
        while (m.find()) {
            if (!stripped.substring(m.end()).isBlank()) {
                start = m.end();
            }
        }
        return stripped.substring(start).strip();
    }

    // ---- multiple choice ----------------------------------------------------------------------

    private static Optional<Extraction> optionInSpan(String span, List<String> choices) {
        String withoutWord = OPTION_WORD.matcher(span).replaceFirst("");
        Optional<Extraction> letter = letterOf(LEADING_LETTER.matcher(withoutWord), choices)
                .or(() -> letterOf(LONE_LETTER.matcher(withoutWord), choices));
        if (letter.isPresent()) {
            return letter;
        }
        Optional<Integer> exact = choiceEqualTo(span, choices);
        if (exact.isPresent()) {
            return exact.map(AnswerExtractor::optionText);
        }
        return uniqueChoiceIn(span, choices).map(AnswerExtractor::optionText);
    }

    private static Optional<Extraction> optionFallback(String text, List<String> choices, boolean cutOff) {
        if (!cutOff) {
            Optional<Extraction> trailing = letterOf(TRAILING_LETTER.matcher(text), choices);
            if (trailing.isPresent()) {
                return trailing;
            }
        }
        Optional<Extraction> claimed = lastClaimedOption(text, choices);
        if (claimed.isPresent()) {
            return claimed;
        }
        Optional<Extraction> leading = letterOf(LEADING_LETTER.matcher(text), choices);
        if (leading.isPresent()) {
            return leading;
        }
        Optional<Integer> exact = choiceEqualTo(text, choices);
        if (exact.isPresent()) {
            return exact.map(AnswerExtractor::optionText);
        }
        if (cutOff || REFUSAL.matcher(text).find()) {
            return Optional.empty();
        }
        Optional<Integer> inConclusion = uniqueChoiceIn(lastSentence(text), choices);
        return (inConclusion.isPresent() ? inConclusion : uniqueChoiceIn(text, choices)).map(AnswerExtractor::optionText);
    }

    private static Optional<Extraction> lastClaimedOption(String text, List<String> choices) {
        Matcher m = OPTION_CLAIM.matcher(text);
        Optional<Extraction> last = Optional.empty();
        while (m.find()) {
            String letter = m.group(1) != null ? m.group(1) : m.group(2);
            Optional<Extraction> option = inRange(letter, choices);
            if (option.isPresent()) {
                last = option;
            }
        }
        return last;
    }

    private static Optional<Extraction> letterOf(Matcher m, List<String> choices) {
        if (!m.find()) {
            return Optional.empty();
        }
        for (int group = 1; group <= m.groupCount(); group++) {
            if (m.group(group) != null) {
                return inRange(m.group(group), choices);
            }
        }
        return Optional.empty();
    }

    private static Optional<Extraction> inRange(String letter, List<String> choices) {
        int index = Character.toUpperCase(letter.charAt(0)) - 'A';
        int options = choices.isEmpty() ? LETTERS_WITHOUT_CHOICES : choices.size();
        return index >= 0 && index < options ? Optional.of(optionLetter(index)) : Optional.empty();
    }

    private static Extraction optionLetter(int index) {
        return new Extraction(String.valueOf((char) ('A' + index)), OPTION_LETTER);
    }

    private static Extraction optionText(int index) {
        return new Extraction(String.valueOf((char) ('A' + index)), OPTION_TEXT);
    }

    private static Optional<Integer> choiceEqualTo(String text, List<String> choices) {
        String wanted = normalise(text);
        for (int i = 0; i < choices.size(); i++) {
            if (!wanted.isEmpty() && normalise(choiceText(choices.get(i))).equals(wanted)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The one choice whose text occurs in {@code text} (a choice inside a longer matched one does not count). */
    private static Optional<Integer> uniqueChoiceIn(String text, List<String> choices) {
        String haystack = " " + normalise(text) + " ";
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            String choice = normalise(choiceText(choices.get(i)));
            if (!choice.isEmpty() && haystack.contains(" " + choice + " ")) {
                found.add(i);
            }
        }
        Set<Integer> distinct = new LinkedHashSet<>(found);
        for (int i : found) {
            for (int j : found) {
                String inner = " " + normalise(choiceText(choices.get(i))) + " ";
                String outer = " " + normalise(choiceText(choices.get(j))) + " ";
                if (i != j && outer.contains(inner) && !inner.equals(outer)) {
                    distinct.remove(i);
                }
            }
        }
        return distinct.size() == 1 ? Optional.of(distinct.iterator().next()) : Optional.empty();
    }

    private static String choiceText(String choice) {
        return CHOICE_PREFIX.matcher(choice).replaceFirst("");
    }

    // ---- numbers ------------------------------------------------------------------------------

    private static Optional<Extraction> numberInSpan(String span) {
        List<BigDecimal> numbers = Numbers.digitsIn(span);
        Optional<BigDecimal> first = numbers.isEmpty() ? Numbers.firstWordIn(span) : Optional.of(numbers.get(0));
        return first.map(n -> new Extraction(Numbers.canonical(n), NUMBER));
    }

    private static Optional<Extraction> lastNumber(String text) {
        if (REFUSAL.matcher(text).find() && Numbers.digitsIn(text).isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> numbers = Numbers.digitsIn(text);
        Optional<BigDecimal> last = numbers.isEmpty()
                ? Numbers.firstWordIn(lastSentence(text))
                : Optional.of(numbers.get(numbers.size() - 1));
        return last.map(n -> new Extraction(Numbers.canonical(n), NUMBER));
    }

    // ---- yes / no -----------------------------------------------------------------------------

    private static Optional<Extraction> yesNoAtStart(String span) {
        Matcher m = YES_OR_NO.matcher(span.replaceFirst("^[^\\p{L}]+", ""));
        return m.find() ? Optional.of(new Extraction(m.group(1).toLowerCase(Locale.ROOT), YES_NO)) : Optional.empty();
    }

    private static Optional<Extraction> yesNoFallback(String text) {
        Optional<Extraction> first = yesNoAtStart(text);
        if (first.isPresent()) {
            return first;
        }
        String[] lines = text.strip().split("\\R");
        return yesNoAtStart(lines[lines.length - 1]);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
