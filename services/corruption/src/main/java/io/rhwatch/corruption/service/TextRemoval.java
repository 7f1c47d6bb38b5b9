package io.rhwatch.corruption.service;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text_removal corruption: drops the numeric conditions and the problem statement from a question,
 * keeping only its instruction sentences ("Answer with a number.", "Choose the correct option.") — so the
 * answer can only come from the image, or from hallucination.
 */
public final class TextRemoval {

    /** What the model is asked when the question had no instruction of its own. */
    public static final String NEUTRAL_INSTRUCTION = "Answer the question.";

    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+|\\R+");
    private static final Pattern INSTRUCTION =
            Pattern.compile("^(please answer|answer|respond|choose|select|give|reply)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("\\p{Nd}+");
    private static final Pattern RUNS_OF_SPACE = Pattern.compile("[ \\t]{2,}");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+(?=[.,;:!?)])");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private TextRemoval() {
    }

    public static String strip(String question) {
        String instructions = Arrays.stream(SENTENCE_BREAK.split(question.strip()))
                .map(String::strip)
                .filter(sentence -> INSTRUCTION.matcher(sentence).find())
                .collect(Collectors.joining(" "));
        // A number left in an instruction ("Answer with 2 decimals") would still leak a condition.
        String withoutDigits = DIGITS.matcher(instructions).replaceAll("");
        withoutDigits = RUNS_OF_SPACE.matcher(withoutDigits).replaceAll(" ");
        withoutDigits = SPACE_BEFORE_PUNCTUATION.matcher(withoutDigits).replaceAll("").strip();
        return LETTER.matcher(withoutDigits).find() ? withoutDigits : NEUTRAL_INSTRUCTION;
    }
}
