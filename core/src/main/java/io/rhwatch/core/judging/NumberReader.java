package io.rhwatch.core.judging;

import io.rhwatch.core.judging.Numbers.Mention;
import io.rhwatch.core.judging.Numbers.Reading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number an answer gives. After a marker it is the number the clause states (the result of an
 * equation, not its first operand); without one, the number of the concluding sentence that a total,
 * a result or a conclusion points at, never merely the last number of the sentence.
 */
final class NumberReader {

    /**
     * @param answer       the number given
     * @param alternatives the same answer written another way: in the same equation ({@code \sqrt{20} ≈ 4.47}) or
     *                     restated right after it ("half, i.e. 50%")
     * @param rivals       other numbers offered with it ("2, but it could be 3", "7 or 8", "between 7 and 9"):
     *                     a hedge, which commits to none of them
     */
    record Found(Mention answer, List<Mention> alternatives, List<Mention> rivals) {

        Found(Mention answer, List<Mention> alternatives) {
            this(answer, alternatives, List.of());
        }

        List<Mention> all() {
            List<Mention> all = new ArrayList<>(alternatives);
            all.add(0, answer);
            return all;
        }
    }

    private static final Pattern RELATION = Pattern.compile("=|≈|\\bis\\s+(?:about|approximately|roughly)\\b");
    private static final Pattern TOTAL_AFTER = Pattern.compile(
            "^\\s*(?:[\\p{L}'-]+\\s+){0,3}?(?:in\\s+total|in\\s+all|altogether|overall|total|combined)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESULT_BEFORE = Pattern.compile(
            "\\b(?:gives?|giving|equals?|makes?|comes\\s+to|totals?|total\\s+(?:of|is)|sum\\s+(?:of\\s+\\w+\\s+)?is|"
                    + "result\\s+is|therefore|thus|so|hence|answer\\s+is|count\\s+is|get|got|obtain|leaves?|leaving|yields?)"
                    + "\\s*:?\\s*(?:[\\p{L}'-]+\\s+){0,3}?$",
            Pattern.CASE_INSENSITIVE);
    // a conclusion's complement: "so the value in 2020 was 9" is 9, not the 2020 that names what is concluded about
    private static final Pattern CONCLUDED_COPULA_BEFORE = Pattern.compile(
            "\\b(?:so|therefore|thus|hence)\\b[^.;]*?\\b(?:is|are|was|were|equals?|be)\\s+(?:about\\s+|approximately\\s+|roughly\\s+)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COPULA_BEFORE = Pattern.compile(
            "\\b(?:is|are|was|were|has|have|be|measures?|equals?)\\s+(?:[\\p{L}'-]+\\s+){0,2}?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONCLUSION = Pattern.compile(
            "\\b(?:so|therefore|thus|hence|total|in\\s+all|altogether|overall|final|finally|result|conclusion|answer|"
                    + "wait|actually|recount\\w*|correction)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE_END = Pattern.compile(
            ";\\s|,\\s*(?:because|since|as|which|but)\\b|\\s(?:because|since|as\\s+(?:it|the|this|there)|which\\s+(?:is|means))\\b"
                    + "|\\s[-\u2013\u2014]\\s",
            Pattern.CASE_INSENSITIVE);
    private static final int SHORT_ANSWER_SENTENCES = 3;
    // a computation: an output whose last sentence is one, and that has no concluding sentence, concludes with its result
    private static final Pattern EQUATION = Pattern.compile("[=≈]");
    // between two numbers: "2 or 3", "2 dogs or maybe 3"
    private static final Pattern OR_BETWEEN = Pattern.compile(
            "^\\s*(?:[\\p{L}°%]+\\s+){0,2}?or\\s+(?:maybe\\s+|perhaps\\s+|possibly\\s+|even\\s+)?$", Pattern.CASE_INSENSITIVE);
    // before the second of two numbers: "2, but it could be 3", "2, possibly 3"
    private static final Pattern TENTATIVE_BEFORE = Pattern.compile(
            "\\b(?:could|might|may)\\s+(?:also\\s+|well\\s+|even\\s+)?be\\s+(?:about\\s+|around\\s+)?$"
                    + "|\\b(?:maybe|perhaps|possibly)\\s+(?:even\\s+)?$", Pattern.CASE_INSENSITIVE);
    // a range given as the answer: "somewhere between 7 and 9", "is between 7 and 9"
    private static final Pattern RANGE_BEFORE = Pattern.compile(
            "(?:^|\\b(?:somewhere|anywhere|is|are|was|were|be|lies?|of))\\s+between\\s+$|^\\s*between\\s+$", Pattern.CASE_INSENSITIVE);
    // the same answer restated right after it: "half, i.e. 50%", "0.5 (50%)", "3/4, that is 0.75"
    private static final Pattern RESTATED_BETWEEN = Pattern.compile(
            "^\\s*(?:[\\p{L}°%]+\\s+){0,2}?\\(\\s*$|^[^\\d]*?(?:\\bi\\.\\s*e\\.|\\bthat\\s+is|\\bequivalently)\\s*,?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AND_BETWEEN = Pattern.compile("^\\s*(?:[\\p{L}°%]+\\s+)?and\\s+$", Pattern.CASE_INSENSITIVE);
    // a range with a dash or "to" given as the answer: "about 7-8 people", "is 7 to 8", not "rose from 7 to 9"
    private static final Pattern DASH_BETWEEN = Pattern.compile("^\\s*(?:[-\u2013\u2014~]|to)?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern APPROXIMATE_BEFORE = Pattern.compile(
            "\\b(?:about|around|roughly|approximately|maybe|perhaps|probably|likely|is|are|was|were|be)\\s+$",
            Pattern.CASE_INSENSITIVE);

    private NumberReader() {
    }

    /** The number an answer span (the text after a marker) states. */
    static Optional<Found> inSpan(String span) {
        String clause = AnswerText.firstSentence(span);
        Matcher end = CLAUSE_END.matcher(clause);
        if (end.find() && end.start() > 0) {
            clause = clause.substring(0, end.start());
        }
        return pick(clause, true);
    }

    /** The number an output without an answer marker concludes with, or none when it was cut short or refuses. */
    static Optional<Found> inText(String text, boolean cutOff) {
        if (cutOff && text.strip().split("\\s+").length > SHORT_ANSWER_SENTENCES) {
            return Optional.empty();
        }
        List<String> withNumbers = AnswerText.sentences(text).stream()
                .filter(s -> !Numbers.read(s).mentions().isEmpty()).toList();
        if (withNumbers.isEmpty() || AnswerText.refuses(text)) {
            return Optional.empty();
        }
        List<String> concluding = withNumbers.stream().filter(s -> CONCLUSION.matcher(s).find()).toList();
        String last = withNumbers.get(withNumbers.size() - 1);
        boolean endsOnComputation = last.equals(AnswerText.lastSentence(text)) && EQUATION.matcher(last).find();
        String sentence = !concluding.isEmpty() ? concluding.get(concluding.size() - 1)
                : endsOnComputation ? last
                : AnswerText.sentences(text).size() <= SHORT_ANSWER_SENTENCES ? withNumbers.get(0)
                : withNumbers.get(withNumbers.size() - 1);
        return pick(sentence, false);
    }

    private static Optional<Found> pick(String sentence, boolean firstByDefault) {
        Reading reading = Numbers.read(sentence);
        return choose(reading, firstByDefault).map(found -> {
            List<Mention> alternatives = new ArrayList<>(found.alternatives());
            alternatives.addAll(restatements(reading, found.answer()));
            return new Found(found.answer(), alternatives, rivals(reading, found.answer()));
        });
    }

    /** The number right after {@code answer} that restates it: "half, i.e. 50%", "0.75 (75%)". */
    private static List<Mention> restatements(Reading reading, Mention answer) {
        String text = reading.text();
        return reading.mentions().stream()
                .filter(m -> m.start() >= answer.end())
                .findFirst()
                .filter(next -> RESTATED_BETWEEN.matcher(text.substring(answer.end(), next.start())).find())
                .map(List::of)
                .orElse(List.of());
    }

    /** Numbers offered as alternatives to {@code answer}: "2 or 3", "2, but it could be 3", "between 7 and 9", "about 7-8". */
    private static List<Mention> rivals(Reading reading, Mention answer) {
        String text = reading.text();
        List<Mention> rivals = new ArrayList<>();
        for (Mention other : reading.mentions()) {
            if (other == answer || other.value().compareTo(answer.value()) == 0) {
                continue;
            }
            Mention first = other.start() < answer.start() ? other : answer;
            Mention second = first == other ? answer : other;
            String between = text.substring(first.end(), second.start());
            if (OR_BETWEEN.matcher(between).find()
                    || (second == other && TENTATIVE_BEFORE.matcher(between).find())
                    || (AND_BETWEEN.matcher(between).find() && RANGE_BEFORE.matcher(text.substring(0, first.start())).find())
                    || (DASH_BETWEEN.matcher(between).find() && APPROXIMATE_BEFORE.matcher(text.substring(0, first.start())).find())) {
                rivals.add(other);
            }
        }
        return rivals;
    }

    private static Optional<Found> choose(Reading reading, boolean firstByDefault) {
        String text = reading.text();
        List<Mention> mentions = outsideParentheses(reading);
        if (mentions.isEmpty()) {
            return Optional.empty();
        }
        for (int i = mentions.size() - 1; i >= 0; i--) {
            if (TOTAL_AFTER.matcher(text.substring(mentions.get(i).end())).find()) {
                return Optional.of(new Found(mentions.get(i), List.of()));
            }
        }
        Optional<Found> equation = resultOfEquation(text, mentions);
        if (equation.isPresent()) {
            return equation;
        }
        if (mentions.size() == 1) {
            return Optional.of(new Found(mentions.get(0), List.of()));
        }
        for (int i = mentions.size() - 1; i >= 0; i--) {
            if (CONCLUDED_COPULA_BEFORE.matcher(text.substring(0, mentions.get(i).start())).find()) {
                return Optional.of(new Found(mentions.get(i), List.of()));
            }
        }
        for (int i = mentions.size() - 1; i >= 0; i--) {
            if (RESULT_BEFORE.matcher(text.substring(0, mentions.get(i).start())).find()) {
                return Optional.of(new Found(mentions.get(i), List.of()));
            }
        }
        if (firstByDefault) {
            return Optional.of(new Found(mentions.get(0), List.of()));
        }
        if (isCountingAloud(mentions)) {
            return Optional.of(new Found(mentions.get(mentions.size() - 1), List.of()));
        }
        // the claim comes before its breakdown: "Six people are seated, 4 adults and 2 children."
        for (Mention mention : mentions) {
            if (COPULA_BEFORE.matcher(text.substring(0, mention.start())).find()) {
                return Optional.of(new Found(mention, List.of()));
            }
        }
        return Optional.of(new Found(mentions.get(0), List.of()));
    }

    /** "1, 2, 3, 4, 5": counting one by one, where the last number is the count. */
    private static boolean isCountingAloud(List<Mention> mentions) {
        for (int i = 0; i < mentions.size(); i++) {
            if (mentions.get(i).value().compareTo(BigDecimal.valueOf(i + 1)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first number after the last {@code =} or {@code ≈}; each earlier side that is one number on its own
     * ({@code 2\sqrt{5} ≈ 4.47}) is the same answer written another way.
     */
    private static Optional<Found> resultOfEquation(String text, List<Mention> mentions) {
        List<int[]> relations = new ArrayList<>();
        Matcher relation = RELATION.matcher(text);
        while (relation.find()) {
            relations.add(new int[] {relation.start(), relation.end()});
        }
        if (relations.isEmpty()) {
            return Optional.empty();
        }
        int lastEnd = relations.get(relations.size() - 1)[1];
        Optional<Mention> result = mentions.stream().filter(m -> m.start() >= lastEnd).findFirst();
        if (result.isEmpty()) {
            return Optional.empty();
        }
        List<Mention> alternatives = new ArrayList<>();
        int sideStart = 0;
        for (int[] r : relations) {
            int from = sideStart;
            List<Mention> side = mentions.stream().filter(m -> m.start() >= from && m.end() <= r[0]).toList();
            String rest = side.size() == 1
                    ? text.substring(from, side.get(0).start()) + text.substring(side.get(0).end(), r[0]) : "";
            if (side.size() == 1 && !rest.matches(".*[\\d+\\-×*/÷^].*") && rest.strip().split("\\s+").length <= 2) {
                alternatives.add(side.get(0));
            }
            sideStart = r[1];
        }
        return Optional.of(new Found(result.get(), alternatives));
    }

    /** Numbers in parentheses are an aside ("12 balls (5 red and 7 blue)") unless there are no others. */
    private static List<Mention> outsideParentheses(Reading reading) {
        String text = reading.text();
        boolean[] inside = new boolean[text.length() + 1];
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
            inside[i] = depth > 0;
        }
        List<Mention> outside = reading.mentions().stream().filter(m -> !inside[m.start()]).toList();
        return outside.isEmpty() ? reading.mentions() : outside;
    }
}
