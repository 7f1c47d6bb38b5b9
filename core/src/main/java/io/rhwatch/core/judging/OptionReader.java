package io.rhwatch.core.judging;

import io.rhwatch.core.judging.AnswerExtractor.Extraction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The option a multiple-choice answer picks: a stated letter first, then the option's text. Two or
 * more options offered together ("A and C", "either B or C", "red or blue") are a hedge, which picks
 * none of them.
 */
final class OptionReader {

    /** Letters allowed when a multiple-choice question arrives without its choices. */
    private static final int LETTERS_WITHOUT_CHOICES = 6;

    // one letter standing as an option: "B", "(B)", "[B]", "B.", "B)", "option B"
    private static final String LETTER = "(?:(?i:option|choice)\\s+)?[(\\[]?([A-Z])[)\\]]?(?![\\p{L}\\p{N}'\u2019])";
    private static final Pattern FIRST_LETTER = Pattern.compile("^\\s*(?i:both\\s+|either\\s+)?" + LETTER);
    private static final Pattern NEXT_LETTER = Pattern.compile(
            "^\\s*(?:,\\s*(?i:and\\s+|or\\s+)?|/|&|\\s(?i:and/or|and|or)\\s+)\\s*" + LETTER);
    private static final Pattern BRACKETED = Pattern.compile("^\\s*[(\\[]");
    // a lone letter after a marker may be lower case: "Answer: b"
    private static final Pattern LONE_LETTER = Pattern.compile("^[(\\[]?([A-Za-z])[)\\]]?\\.?$");
    // "… so the best fit is B." at the very end of the text
    private static final Pattern TRAILING_LETTER = Pattern.compile("(?:^|[\\s(\\[])\\(?([A-Z])\\)?[.!)\\]]*\\s*$");
    // "Option B is correct", "choice (C) is the right answer", "I'd go with B", "I think (B)"
    private static final Pattern CLAIM = Pattern.compile(
            "\\b(?i:option|choice)\\s*\\(?([A-Z])\\)?\\s+(?i:is|seems|appears)\\s+(?i:to\\s+be\\s+)?"
                    + "(?i:correct|right|the\\s+(?:correct|right|best)\\s+(?:answer|option|choice|fit|match))"
                    + "|\\bI(?:'d|'ll|\\s+would|\\s+will)?\\s+(?i:choose|pick|select|go\\s+with|think\\s+it'?s|think)\\s+"
                    + "(?i:option\\s+|choice\\s+)?\\(?([A-Z])\\)?(?![\\p{L}\\p{N}])");
    // a letter the sentence states as the answer: "(B)", "option B", "B is correct"
    private static final Pattern STATED = Pattern.compile(
            "\\(([A-Z])\\)|\\b(?i:option|choice)\\s+\\(?([A-Z])\\)?(?![\\p{L}\\p{N}])"
                    + "|\\b([A-Z])\\s+(?:is|would\\s+be|seems)\\s+(?:the\\s+)?(?:correct|right|best|answer)");
    private static final Pattern LETTER_DENIED_AFTER = Pattern.compile(
            "^[)\\]]?\\s*(?:(?:is|are|was|seems|would\\s+be|can\\s+be)\\s+(?:not|wrong|incorrect|ruled\\s+out|eliminated|false|unlikely)"
                    + "|isn't|isn\u2019t|can't|cannot)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LETTER_DENIED_BEFORE = Pattern.compile(
            "(?:\\bnot|n't|\\brather\\s+than|\\binstead\\s+of|\\bexcept|\\bthan|\\brule\\s+out|\\bruled\\s+out|\\beliminate|"
                    + "\\beliminated|\\bneither|\\bnor|\\bunlike|\\bversus|\\bvs\\.?)\\s*(?:option\\s+|choice\\s+)?[(\\[]?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEDGE_LETTERS = Pattern.compile(
            "\\beither\\s+" + LETTER + "\\s*,?\\s+or\\s+" + LETTER
                    + "|(?<![\\p{L}])" + LETTER + "\\s+or\\s+" + LETTER
                    + "|\\b(?i:both\\s+)?" + LETTER + "\\s+and\\s+" + LETTER
                    + "\\s+(?:are|could|might|may|both|seem|would)\\b(?!.*\\b(?:wrong|incorrect|not|ruled|eliminat|false)\\b)");
    // a sentence that names several options tentatively offers them all: "it looks red, but it might also be green"
    private static final Pattern TENTATIVE = Pattern.compile(
            "\\b(?:might|may|could)\\s+(?:also\\s+|well\\s+|just\\s+as\\s+well\\s+)?be\\b|\\b(?:possibly|perhaps|maybe|either)\\b",
            Pattern.CASE_INSENSITIVE);
    // the last "=" or "≈" of a text: what follows is a computation's result
    private static final Pattern LAST_RELATION = Pattern.compile("[=≈](?!.*[=≈])", Pattern.DOTALL);
    private static final Pattern CLAUSE_END = Pattern.compile(
            "[.;!?](?:\\s|$)|,\\s*(?:because|since|as|which|so|but)\\b|\\s(?:because|since|as\\s+(?:it|the|this)|which)\\b",
            Pattern.CASE_INSENSITIVE);

    private OptionReader() {
    }

    /** The option an answer span (the text after a marker) gives. */
    static Optional<Extraction> inSpan(String rawSpan, List<String> choices) {
        String span = maskChoiceTexts(rawSpan, choices);
        Optional<Extraction> letters = leadingLetters(span, choices, true);
        if (letters.isPresent()) {
            return letters;
        }
        Matcher lone = LONE_LETTER.matcher(span.strip());
        if (lone.find()) {
            return inRange(lone.group(1), choices).map(OptionReader::byLetter);
        }
        Optional<Integer> exact = choiceEqualTo(rawSpan, choices);
        if (exact.isPresent()) {
            return exact.map(OptionReader::byText);
        }
        return byMentions(firstClause(rawSpan), choices, true);
    }

    /** The option an output without an answer marker gives, or none when it stops mid-sentence or refuses. */
    static Optional<Extraction> inText(String rawText, List<String> choices, boolean cutOff) {
        String text = maskChoiceTexts(rawText, choices);
        String conclusion = AnswerText.lastSentence(text);
        if (!cutOff) {
            Optional<Extraction> hedge = hedgeIn(conclusion, AnswerText.lastSentence(rawText), choices);
            if (hedge.isPresent()) {
                return hedge;
            }
            Matcher trailing = TRAILING_LETTER.matcher(text);
            if (trailing.find() && !denied(text, trailing.start(1), trailing.end(1))) {
                Optional<Extraction> letter = inRange(trailing.group(1), choices).map(OptionReader::byLetter);
                if (letter.isPresent()) {
                    return letter;
                }
            }
        }
        Optional<Extraction> claimed = lastClaim(text, choices);
        if (claimed.isPresent()) {
            return claimed;
        }
        Optional<Extraction> stated = statedLetter(conclusion, choices);
        if (stated.isPresent()) {
            return stated;
        }
        Optional<Extraction> leading = leadingLetters(text, choices, false);
        if (leading.isPresent()) {
            return leading;
        }
        Optional<Integer> exact = choiceEqualTo(rawText, choices);
        if (exact.isPresent()) {
            return exact.map(OptionReader::byText);
        }
        if (cutOff || AnswerText.refuses(rawText)) {
            return Optional.empty();
        }
        return byMentions(AnswerText.lastSentence(rawText), choices, false)
                .or(() -> byMentions(rawText, choices, false))
                .or(() -> byMentions(AnswerText.firstSentence(rawText), choices, false));
    }

    /** The option a ground truth names: its text, or its letter ("B", "(B)", "B. blue"). */
    static Optional<Integer> groundTruth(String truth, List<String> choices) {
        Optional<Integer> exact = choiceEqualTo(truth, choices);
        if (exact.isPresent()) {
            return exact;
        }
        Matcher lone = LONE_LETTER.matcher(truth.strip());
        if (lone.find()) {
            return inRange(lone.group(1), choices);
        }
        Matcher first = FIRST_LETTER.matcher(truth);
        if (first.find() && (BRACKETED.matcher(truth).find() || truth.substring(first.end()).matches("^\\s*[.:)\\-].*"))) {
            return inRange(first.group(1), choices);
        }
        return Optional.empty();
    }

    /** A choice as written, without the letter some datasets prefix it with: "(A) red" → "red". */
    static String choiceText(String choice) {
        return choice.replaceFirst("^\\s*(?:\\([A-Za-z]\\)|[A-Za-z][.)])\\s+", "");
    }

    // ---- letters --------------------------------------------------------------------------------

    /** Letters at the start: one is the answer, several joined by "and"/"or"/"," are a hedge. */
    private static Optional<Extraction> leadingLetters(String span, List<String> choices, boolean afterMarker) {
        Matcher first = FIRST_LETTER.matcher(span);
        if (!first.find()) {
            return Optional.empty();
        }
        Set<String> letters = new LinkedHashSet<>();
        letters.add(first.group(1));
        int at = first.end();
        Matcher next = NEXT_LETTER.matcher(span);
        while (next.region(at, span.length()).lookingAt()) {
            letters.add(next.group(1));
            at = next.end();
        }
        String rest = span.substring(at);
        if (letters.size() > 1) {
            if (Pattern.compile("^[^.;]*\\b(?:wrong|incorrect|not|ruled|eliminat|false)", Pattern.CASE_INSENSITIVE)
                    .matcher(rest).find()) {
                return Optional.empty();
            }
            return hedge(letters, choices);
        }
        String letter = first.group(1);
        boolean bracketed = BRACKETED.matcher(span).find();
        // "A red circle", "I think …": an article or a pronoun, not an option
        if (!bracketed && (letter.equals("A") || letter.equals("I")) && rest.matches("^\\s+\\p{Ll}.*")
                && !Pattern.compile("^\\s+(?:is|was|would|seems|because|since|as|and|or)\\b").matcher(rest).find()) {
            return Optional.empty();
        }
        if (!afterMarker && !bracketed && !rest.matches("^\\s*(?:$|[.:)\\]]|[-\u2013\u2014,]).*")) {
            return Optional.empty();
        }
        return inRange(letter, choices).map(OptionReader::byLetter);
    }

    private static Optional<Extraction> lastClaim(String text, List<String> choices) {
        Matcher m = CLAIM.matcher(text);
        Optional<Extraction> last = Optional.empty();
        while (m.find()) {
            int group = m.group(1) != null ? 1 : 2;
            Optional<Extraction> option = inRange(m.group(group), choices).map(OptionReader::byLetter);
            if (option.isPresent()) {
                last = option;
            }
        }
        return last;
    }

    private static Optional<Extraction> statedLetter(String sentence, List<String> choices) {
        Set<String> letters = new LinkedHashSet<>();
        Matcher m = STATED.matcher(sentence);
        while (m.find()) {
            int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : 3;
            if (!denied(sentence, m.start(group), m.end(group)) && inRange(m.group(group), choices).isPresent()) {
                letters.add(m.group(group));
            }
        }
        return letters.size() == 1 ? inRange(letters.iterator().next(), choices).map(OptionReader::byLetter) : Optional.empty();
    }

    private static boolean denied(String text, int start, int end) {
        return LETTER_DENIED_BEFORE.matcher(text.substring(0, start)).find()
                || LETTER_DENIED_AFTER.matcher(text.substring(end)).find();
    }

    /** "either B or C", "B or C", "A and C are both possible", "red or blue": several options offered. */
    private static Optional<Extraction> hedgeIn(String maskedSentence, String sentence, List<String> choices) {
        Matcher letters = HEDGE_LETTERS.matcher(maskedSentence);
        while (letters.find()) {
            Set<String> found = new LinkedHashSet<>();
            for (int g = 1; g <= letters.groupCount(); g++) {
                if (letters.group(g) != null && inRange(letters.group(g), choices).isPresent()) {
                    found.add(letters.group(g));
                }
            }
            if (found.size() > 1) {
                return hedge(found, choices);
            }
        }
        List<Integer> named = mentioned(sentence, choices).stream().filter(i -> !deniedIn(sentence, choices.get(i))).toList();
        boolean tentative = TENTATIVE.matcher(sentence).find();
        List<Integer> offered = named.stream().filter(i -> tentative || alternativeIn(sentence, choices.get(i))).toList();
        if (offered.size() > 1) {
            Set<String> found = new LinkedHashSet<>();
            offered.forEach(i -> found.add(letter(i)));
            return hedge(found, choices);
        }
        return Optional.empty();
    }

    /** Denied somewhere in the passage: "the background is red, but the bird is not red" does not answer red. */
    private static boolean deniedIn(String text, String choice) {
        String haystack = Phrases.normalise(text);
        String needle = Phrases.normalise(choiceText(choice));
        return Phrases.occurrences(haystack, needle).stream().anyMatch(at -> Phrases.denied(haystack, at, needle));
    }

    private static boolean alternativeIn(String text, String choice) {
        String haystack = Phrases.normalise(text);
        String needle = Phrases.normalise(choiceText(choice));
        return Phrases.occurrences(haystack, needle).stream()
                .anyMatch(at -> !Phrases.denied(haystack, at, needle) && Phrases.alternative(haystack, at, needle));
    }

    private static Optional<Extraction> hedge(Set<String> letters, List<String> choices) {
        List<String> inRange = letters.stream().filter(l -> inRange(l, choices).isPresent()).toList();
        return inRange.size() > 1
                ? Optional.of(new Extraction(String.join(" or ", inRange), AnswerExtractor.HEDGED))
                : inRange.stream().findFirst().flatMap(l -> inRange(l, choices)).map(OptionReader::byLetter);
    }

    // ---- option texts ----------------------------------------------------------------------------

    /** The option whose text the passage asserts; several asserted together are a hedge in an answer span. */
    private static Optional<Extraction> byMentions(String text, List<String> choices, boolean inSpan) {
        if (AnswerText.refuses(text)) {
            return Optional.empty();
        }
        List<Integer> asserted = mentioned(text, choices).stream()
                .filter(i -> Phrases.assertedIn(text, choiceText(choices.get(i))) || alternativeIn(text, choices.get(i)))
                .toList();
        if (asserted.size() > 1) {
            asserted = asserted.stream().filter(i -> !deniedIn(text, choices.get(i))).toList();
        }
        Matcher relation = LAST_RELATION.matcher(text);
        if (asserted.size() > 1 && relation.find()) {
            // a computation's operands are not answers, its result is: "AB = 2 × 6 cm = 12 cm"
            String result = text.substring(relation.end());
            asserted = asserted.stream().filter(i -> Phrases.assertedIn(result, choiceText(choices.get(i)))).toList();
        }
        if (asserted.size() == 1) {
            return Optional.of(byText(asserted.get(0)));
        }
        if (asserted.size() > 1 && inSpan) {
            Set<String> letters = new LinkedHashSet<>();
            asserted.forEach(i -> letters.add(letter(i)));
            return hedge(letters, choices);
        }
        List<Integer> plain = mentioned(text, choices).stream()
                .filter(i -> Phrases.assertedIn(text, choiceText(choices.get(i)))).toList();
        return plain.size() == 1 ? Optional.of(byText(plain.get(0))) : Optional.empty();
    }

    /** Choices whose text occurs in {@code text}, not counting one that only occurs inside a longer matched choice. */
    private static List<Integer> mentioned(String text, List<String> choices) {
        String haystack = Phrases.normalise(text);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            if (!Phrases.occurrences(haystack, Phrases.normalise(choiceText(choices.get(i)))).isEmpty()) {
                found.add(i);
            }
        }
        List<Integer> distinct = new ArrayList<>(found);
        for (int i : found) {
            for (int j : found) {
                String inner = " " + Phrases.normalise(choiceText(choices.get(i))) + " ";
                String outer = " " + Phrases.normalise(choiceText(choices.get(j))) + " ";
                if (i != j && outer.contains(inner) && !inner.equals(outer)
                        && Phrases.occurrences(haystack.replace(outer.strip(), " "), inner.strip()).isEmpty()) {
                    distinct.remove(Integer.valueOf(i));
                }
            }
        }
        return distinct;
    }

    private static Optional<Integer> choiceEqualTo(String text, List<String> choices) {
        String wanted = Phrases.normalise(AnswerText.clean(text).replaceAll("[.!]+$", ""));
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < choices.size(); i++) {
            if (Phrases.normalise(choiceText(choices.get(i))).equals(wanted)) {
                return Optional.of(i);
            }
        }
        Optional<Numbers.Mention> number = Numbers.whole(text);
        if (number.isPresent()) {
            for (int i = 0; i < choices.size(); i++) {
                Optional<Numbers.Mention> choice = Numbers.whole(choiceText(choices.get(i)));
                if (choice.isPresent() && Numbers.close(choice.get().value(), number.get().value(), 1e-9)
                        && choice.get().percent() == number.get().percent()) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Choice texts that hold a capital letter as a word ("Point A", "angle B") blanked out, so the letter in
     * them is not read as an option letter.
     */
    private static String maskChoiceTexts(String text, List<String> choices) {
        String masked = text;
        for (String choice : choices) {
            String body = choiceText(choice).strip();
            if (body.length() > 1 && body.matches(".*(?<![\\p{L}])[A-Z](?![\\p{L}]).*")) {
                masked = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(body) + "(?![\\p{L}\\p{N}])",
                        Pattern.CASE_INSENSITIVE).matcher(masked).replaceAll(m -> " ".repeat(m.group().length()));
            }
        }
        return masked;
    }

    private static String firstClause(String span) {
        Matcher end = CLAUSE_END.matcher(span);
        return end.find() && end.start() > 0 ? span.substring(0, end.start()) : span;
    }

    /** The option index of a letter, when the question has that many options. */
    private static Optional<Integer> inRange(String letter, List<String> choices) {
        int index = Character.toUpperCase(letter.charAt(0)) - 'A';
        int options = choices.isEmpty() ? LETTERS_WITHOUT_CHOICES : choices.size();
        return index >= 0 && index < options ? Optional.of(index) : Optional.empty();
    }

    private static Extraction byLetter(int index) {
        return new Extraction(letter(index), AnswerExtractor.OPTION_LETTER);
    }

    private static Extraction byText(int index) {
        return new Extraction(letter(index), AnswerExtractor.OPTION_TEXT);
    }

    private static String letter(int index) {
        return String.valueOf((char) ('A' + index));
    }
}
