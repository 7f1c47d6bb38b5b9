package io.rhwatch.core.judging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whole-phrase occurrences in normalised text, and whether an occurrence is denied ("not red",
 * "isn't red", "blue rather than red", "red is wrong") or offered as one of several ("red or blue").
 */
final class Phrases {

    private static final String FILLER = "(?:\\s+(?:is|are|was|were|be|it|s|really|quite|exactly|actually|very|any|so|"
            + "entirely|just|clearly|definitely|even|colored|coloured|in|of|option|choice|look|looks|like|seem|seems|appear|"
            + "appears|to|made)){0,3}";
    // normalised text drops apostrophes, so "isn't" reads "isn t"
    private static final Pattern DENIED_BEFORE = Pattern.compile(
            "(?:^|\\s)(?:no|not|never|neither|nor|without|t|rather\\s+than|instead\\s+of|other\\s+than|except|than|"
                    + "lacks?|lacking|excluding|exclude|eliminate|eliminates|eliminated|rule\\s+out|ruled\\s+out|"
                    + "rules\\s+out|nothing)" + FILLER + "$");
    // a verb says it: "red is not", "red isn't", "red is wrong"; "white, not black" denies black, not white
    private static final Pattern DENIED_AFTER = Pattern.compile(
            "^\\s*(?:(?:is|are|was|were|would\\s+be|seems|looks|does|do|can\\s+be)\\s+(?:not|wrong|incorrect|ruled\\s+out|"
                    + "eliminated|false|impossible|unlikely)|(?:isn|aren|wasn|weren|doesn|don)\\s+t|wrong|incorrect)\\b");
    private static final Pattern OR_BEFORE = Pattern.compile("(?:^|\\s)(?:or|either|and/or)(?:\\s+(?:maybe|perhaps|possibly))?$");
    private static final Pattern OR_AFTER = Pattern.compile("^\\s*(?:or|and/or)\\s");

    // an article before a word; a capital "A" only where a sentence starts, so "Point A" keeps its letter
    private static final Pattern ARTICLE = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:a|an|the|An|The|THE)(?=\\s+[\\p{L}\\p{N}])|(?:^|(?<=[.!?:]\\s))A(?=\\s+\\p{Ll})");

    private Phrases() {
    }

    /** Lower case, punctuation and articles dropped, single spaces: for comparing answer texts. */
    static String normalise(String text) {
        String withoutArticles = ARTICLE.matcher(text).replaceAll(" ");
        return withoutArticles.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /** Start offsets of {@code phrase} as whole words in {@code haystack}; both normalised. */
    static List<Integer> occurrences(String haystack, String phrase) {
        List<Integer> found = new ArrayList<>();
        if (phrase.isEmpty()) {
            return found;
        }
        String padded = " " + haystack + " ";
        String needle = " " + phrase + " ";
        for (int at = padded.indexOf(needle); at >= 0; at = padded.indexOf(needle, at + 1)) {
            found.add(at);
        }
        return found;
    }

    /** The occurrence at {@code at} (from {@link #occurrences}) is denied by the words around it. */
    static boolean denied(String haystack, int at, String phrase) {
        String before = haystack.substring(0, Math.max(0, Math.min(at, haystack.length()))).strip();
        int end = Math.min(haystack.length(), at + phrase.length());
        return DENIED_BEFORE.matcher(before).find() || DENIED_AFTER.matcher(haystack.substring(end)).find();
    }

    /** The occurrence at {@code at} is offered as an alternative: "red or blue", "either red …". */
    static boolean alternative(String haystack, int at, String phrase) {
        String before = haystack.substring(0, Math.max(0, Math.min(at, haystack.length()))).strip();
        int end = Math.min(haystack.length(), at + phrase.length());
        return OR_BEFORE.matcher(before).find() || OR_AFTER.matcher(haystack.substring(end)).find();
    }

    /** {@code phrase} occurs in {@code text} as whole words at least once neither denied nor offered as an alternative. */
    static boolean assertedIn(String text, String phrase) {
        String haystack = normalise(text);
        String needle = normalise(phrase);
        for (int at : occurrences(haystack, needle)) {
            if (!denied(haystack, at, needle) && !alternative(haystack, at, needle)) {
                return true;
            }
        }
        return false;
    }
}
