package io.rhwatch.modelsim.language;

import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.Shape;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a question's text into a {@link Query}. The grammar is the synthetic benchmark's (counting, existence,
 * "what colour/shape is", points, change and packing problems), read from the words alone: conditions are found
 * anywhere before the question sentence, so a question stripped of its conditions cannot be computed.
 */
public final class QuestionReader {

    private static final String COLOUR = "(red|green|blue|yellow)";
    private static final String SELECTOR = "(?:" + COLOUR + " )?(circle|square|triangle|shape|object)s?";
    private static final String IN_IMAGE = "in the (?:image|picture)";

    private static final Pattern CHOICE_LINE = Pattern.compile("^\\(([A-Z])\\)\\s*(.*)$");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+");

    private static final Pattern COUNT = Pattern.compile("how many " + SELECTOR + " (?:are|is) (?:there )?" + IN_IMAGE);
    private static final Pattern EXISTS = Pattern.compile("(?:is|are) there (?:a|an|any) " + SELECTOR + " " + IN_IMAGE);
    private static final Pattern COLOUR_OF = Pattern.compile("what colou?r is the (circle|square|triangle)");
    private static final Pattern SHAPE_OF = Pattern.compile("what shape is the " + COLOUR + " (?:shape|object)");
    private static final Pattern TOTAL_POINTS = Pattern.compile("total number of points");
    private static final Pattern WORTH = Pattern.compile("each " + SELECTOR + " is worth (\\d{1,6}) points?");
    private static final Pattern BONUS = Pattern.compile("every " + SELECTOR + " earns (\\d{1,6}) bonus points?");
    private static final Pattern GET_BACK = Pattern.compile("how many coins does \\w+ get back");
    private static final Pattern PRICE = Pattern.compile(COLOUR + " shapes cost (\\d{1,6}) coins? each");
    private static final Pattern OTHER_PRICE = Pattern.compile("all other shapes cost (\\d{1,6}) coins? each");
    private static final Pattern PAID = Pattern.compile("pays with (\\d{1,6}) coins?");
    private static final Pattern BOXES = Pattern.compile("how many coins do the boxes for all the " + SELECTOR + " " + IN_IMAGE + " cost");
    private static final Pattern CAPACITY = Pattern.compile("a box holds (\\d{1,6}) shapes?");
    private static final Pattern BOX_PRICE = Pattern.compile("each box costs (\\d{1,6}) coins?");

    private QuestionReader() {
    }

    public static Question read(String text) {
        List<String> choices = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher choice = CHOICE_LINE.matcher(line.strip());
            if (choice.matches() && choice.group(1).charAt(0) == 'A' + choices.size()) {
                choices.add(choice.group(2).strip());
            } else {
                body.append(line).append(' ');
            }
        }
        List<String> sentences = new ArrayList<>(List.of(SENTENCE_END.split(body.toString().strip().toLowerCase(Locale.ROOT))));
        sentences.removeIf(String::isBlank);
        String instruction = !sentences.isEmpty() && sentences.get(sentences.size() - 1).startsWith("answer")
                ? sentences.remove(sentences.size() - 1) : "";
        int asked = lastQuestionSentence(sentences);
        Query query = asked < 0 ? new Query.Unanswerable()
                : query(sentences.get(asked), String.join(" ", sentences.subList(0, asked)));
        return new Question(text, choices, form(instruction, choices), query);
    }

    private static int lastQuestionSentence(List<String> sentences) {
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (sentences.get(i).endsWith("?")) {
                return i;
            }
        }
        return -1;
    }

    private static Question.AnswerForm form(String instruction, List<String> choices) {
        if (instruction.contains("number")) {
            return Question.AnswerForm.NUMBER;
        }
        if (instruction.contains("yes or no")) {
            return Question.AnswerForm.YES_NO;
        }
        if (instruction.contains("letter") || instruction.contains("option") || !choices.isEmpty()) {
            return Question.AnswerForm.LETTER;
        }
        return Question.AnswerForm.FREE;
    }

    private static Query query(String asked, String conditions) {
        Matcher m;
        if ((m = COUNT.matcher(asked)).find()) {
            return new Query.Count(selector(m, 1));
        }
        if ((m = EXISTS.matcher(asked)).find()) {
            return new Query.Exists(selector(m, 1));
        }
        if ((m = COLOUR_OF.matcher(asked)).find()) {
            return new Query.ColourOf(Shape.ofWord(m.group(1)).orElseThrow());
        }
        if ((m = SHAPE_OF.matcher(asked)).find()) {
            return new Query.ShapeOf(Colour.ofWord(m.group(1)).orElseThrow());
        }
        if (TOTAL_POINTS.matcher(asked).find()) {
            return points(conditions);
        }
        if (GET_BACK.matcher(asked).find()) {
            return change(conditions);
        }
        if ((m = BOXES.matcher(asked)).find()) {
            Query.Selector selector = selector(m, 1);
            Optional<Integer> capacity = number(CAPACITY, conditions);
            Optional<Integer> price = number(BOX_PRICE, conditions);
            if (capacity.isEmpty() || price.isEmpty() || capacity.get() == 0) {
                return new Query.Unanswerable();
            }
            return new Query.Boxes(selector, capacity.get(), price.get());
        }
        return new Query.Unanswerable();
    }

    private static Query points(String conditions) {
        Map<Query.Selector, Integer> rules = new LinkedHashMap<>();
        for (Pattern rule : List.of(WORTH, BONUS)) {
            Matcher m = rule.matcher(conditions);
            while (m.find()) {
                rules.merge(selector(m, 1), Integer.parseInt(m.group(3)), Integer::sum);
            }
        }
        return rules.isEmpty() ? new Query.Unanswerable() : new Query.Points(rules);
    }

    private static Query change(String conditions) {
        Map<Colour, Integer> prices = new EnumMap<>(Colour.class);
        Matcher m = PRICE.matcher(conditions);
        while (m.find()) {
            prices.put(Colour.ofWord(m.group(1)).orElseThrow(), Integer.parseInt(m.group(2)));
        }
        Optional<Integer> paid = number(PAID, conditions);
        if (prices.isEmpty() || paid.isEmpty()) {
            return new Query.Unanswerable();
        }
        return new Query.Change(prices, number(OTHER_PRICE, conditions).orElse(0), paid.get());
    }

    private static Query.Selector selector(Matcher m, int firstGroup) {
        Colour colour = m.group(firstGroup) == null ? null : Colour.ofWord(m.group(firstGroup)).orElseThrow();
        Shape shape = Shape.ofWord(m.group(firstGroup + 1)).orElse(null);
        return new Query.Selector(colour, shape);
    }

    private static Optional<Integer> number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
