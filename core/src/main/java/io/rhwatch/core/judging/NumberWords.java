package io.rhwatch.core.judging;

import io.rhwatch.core.judging.Numbers.Mention;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers written as English words: "four", "twenty-five", "one hundred and twelve", "a dozen", "half of". */
final class NumberWords {

    private static final Map<String, Integer> SMALL = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("none", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("dozen", 12),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50),
            Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90));
    private static final Map<String, Integer> SCALES = Map.of("hundred", 100, "thousand", 1000, "million", 1_000_000);
    // "one" is a pronoun in "one of them", "each one", "the one on the left", "no one"
    private static final Set<String> PRONOUN_BEFORE = Set.of("each", "every", "any", "no", "the", "this", "that",
            "which", "some", "another", "other");
    private static final Set<String> PRONOUN_AFTER = Set.of("of", "another", "s");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    // "half" as a quantity ("half of the pizza", "exactly one half", "is half."), not a part ("the left half")
    private static final Pattern HALF = Pattern.compile(
            "(?<![\\p{L}])(?:(?:a|one)[\\s-]+)?half(?=\\s+of\\b|\\s*[.,;!?)]|\\s*$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART_BEFORE = Pattern.compile(
            "\\b(?:the|this|that|each|either|other|left|right|top|bottom|upper|lower|first|second|front|back|later|earlier)\\s+$",
            Pattern.CASE_INSENSITIVE);
    private static final BigDecimal ONE_HALF = new BigDecimal("0.5");

    private NumberWords() {
    }

    /** The number words in {@code text} that do not overlap a number written with digits. */
    static List<Mention> in(String text, List<Mention> digits) {
        List<Mention> found = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        List<int[]> words = new ArrayList<>();
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
        }
        int i = 0;
        while (i < words.size()) {
            String word = word(text, words.get(i));
            if (!SMALL.containsKey(word) || overlaps(words.get(i), digits)) {
                i++;
                continue;
            }
            long total = 0;
            long current = 0;
            int j = i;
            int last = i;
            while (j < words.size()) {
                String w = word(text, words.get(j));
                if (j > i && !text.substring(words.get(j - 1)[1], words.get(j)[0]).matches("[\\s-]+")) {
                    break;
                }
                if (SMALL.containsKey(w) && (j == i || joins(current, SMALL.get(w)))) {
                    current += SMALL.get(w);
                    last = j;
                } else if (SCALES.containsKey(w) && j > i) {
                    current = Math.max(current, 1) * SCALES.get(w);
                    if (SCALES.get(w) >= 1000) {
                        total += current;
                        current = 0;
                    }
                    last = j;
                } else if (!(w.equals("and") && j > i && j + 1 < words.size()
                        && SMALL.containsKey(word(text, words.get(j + 1))))) {
                    break;
                }
                j++;
            }
            if (!isPronoun(text, words, i, last)) {
                found.add(new Mention(BigDecimal.valueOf(total + current), false, false, 0,
                        words.get(i)[0], words.get(last)[1]));
            }
            i = last + 1;
        }
        Matcher half = HALF.matcher(text);
        while (half.find()) {
            int[] span = {half.start(), half.end()};
            if (!PART_BEFORE.matcher(text.substring(0, half.start())).find() && !overlaps(span, digits)
                    && found.stream().noneMatch(f -> span[0] < f.end() && f.start() < span[1])) {
                found.add(new Mention(ONE_HALF, false, false, -1, span[0], span[1]));
            }
        }
        return found;
    }

    /** "twenty five" and "hundred and five" read as one number; "five six" (counting aloud) as two. */
    private static boolean joins(long current, int next) {
        long lastPart = current % 100;
        return next < 100 && (lastPart == 0 || (lastPart >= 20 && lastPart % 10 == 0 && next < 10));
    }

    private static boolean isPronoun(String text, List<int[]> words, int first, int last) {
        if (first != last || !word(text, words.get(first)).equals("one")) {
            return false;
        }
        boolean pronounBefore = first > 0 && PRONOUN_BEFORE.contains(word(text, words.get(first - 1)));
        boolean pronounAfter = last + 1 < words.size() && PRONOUN_AFTER.contains(word(text, words.get(last + 1)));
        return pronounBefore || pronounAfter;
    }

    private static boolean overlaps(int[] word, List<Mention> digits) {
        return digits.stream().anyMatch(d -> word[0] < d.end() && d.start() < word[1]);
    }

    private static String word(String text, int[] span) {
        return text.substring(span[0], span[1]).toLowerCase(Locale.ROOT);
    }
}
