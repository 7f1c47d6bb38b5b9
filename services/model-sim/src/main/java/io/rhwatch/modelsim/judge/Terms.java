package io.rhwatch.modelsim.judge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key terms of a text as the simulated judge compares them: lower-case words without function words, plural
 * {@code s} dropped, number words as digits. "The two red circles." has the terms {@code 2}, {@code red}, {@code circle}.
 */
final class Terms {

    private static final Pattern WORD = Pattern.compile("\\d+(?:\\.\\d+)?|\\p{L}+");
    private static final Pattern REFUSAL = Pattern.compile(
            "\\b(?:can\\s*not|can't|cannot|unable\\s+to|impossible\\s+to|not\\s+possible\\s+to)\\s+(?:\\w+\\s+)?"
                    + "(?:tell|determine|see|answer|say|know|identify)\\b|\\bnot\\s+sure\\b|\\bdon't\\s+know\\b",
            Pattern.CASE_INSENSITIVE);
    private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
            "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen", "twenty");
    /** Words that carry no claim about the image: articles, pronouns, auxiliaries, prepositions, generic nouns. */
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "of", "in", "on",
            "at", "to", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its",
            "this", "that", "these", "those", "there", "here", "i", "we", "you", "he", "she", "they", "them", "their",
            "my", "our", "your", "has", "have", "had", "do", "does", "did", "so", "then", "than", "very", "also",
            "which", "what", "who", "how", "many", "much", "some", "any", "all", "each", "every", "image", "picture",
            "photo", "shown", "show", "shows", "see", "seen", "can", "could", "would", "should", "will", "answer",
            "final", "think", "looks", "look", "appears", "appear", "seems", "object", "thing", "shape", "colour",
            "color", "only", "just", "about", "total", "number");
    private static final Map<String, String> DIGITS;

    static {
        Map<String, String> digits = new HashMap<>();
        for (int i = 0; i < NUMBER_WORDS.size(); i++) {
            digits.put(NUMBER_WORDS.get(i), Integer.toString(i));
        }
        DIGITS = Map.copyOf(digits);
    }

    private Terms() {
    }

    /** The key terms in order of first appearance. */
    static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (String word : words(text)) {
            if (!FUNCTION_WORDS.contains(word)) {
                terms.add(word);
            }
        }
        return terms;
    }

    /** The numbers in a text, digits or number words, in order. */
    static List<BigDecimal> numbers(String text) {
        List<BigDecimal> numbers = new ArrayList<>();
        for (String word : words(text)) {
            if (Character.isDigit(word.charAt(0))) {
                numbers.add(new BigDecimal(word));
            }
        }
        return numbers;
    }

    static Optional<BigDecimal> lastNumber(String text) {
        List<BigDecimal> numbers = numbers(text);
        return numbers.isEmpty() ? Optional.empty() : Optional.of(numbers.get(numbers.size() - 1));
    }

    static boolean refuses(String text) {
        return REFUSAL.matcher(text).find();
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            String word = matcher.group();
            if (DIGITS.containsKey(word)) {
                word = DIGITS.get(word);
            } else if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
                word = word.substring(0, word.length() - 1);
            }
            words.add(word);
        }
        return words;
    }
}
