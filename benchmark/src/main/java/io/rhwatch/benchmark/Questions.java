package io.rhwatch.benchmark;

import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmark's question grammar. Every question is a sequence of sentences: the conditions
 * (reasoning only; they carry every number), one question sentence, and one final instruction
 * sentence starting with "Answer". The corruption service's {@code text_removal} relies on this:
 * keeping only the last sentence removes the conditions and the problem statement.
 * Choices are never part of the text.
 */
final class Questions {

    static final String ANSWER_NUMBER = "Answer with a number.";
    static final String ANSWER_YES_NO = "Answer yes or no.";
    static final String ANSWER_LETTER = "Answer with the option letter.";

    static final String PERCEPTION = Labels.of(Task.TASK_PERCEPTION);
    static final String REASONING = Labels.of(Task.TASK_REASONING);
    static final String NUMERIC = Labels.of(QuestionType.QUESTION_TYPE_NUMERIC);
    static final String YES_NO = Labels.of(QuestionType.QUESTION_TYPE_YES_NO);
    static final String MULTI_CHOICE = Labels.of(QuestionType.QUESTION_TYPE_MULTI_CHOICE);

    private Questions() {
    }

    /** "How many blue circles are in the image?"; a null colour or shape means any. */
    static Question count(Scene scene, Colour colour, Shape shape) {
        String text = "How many " + plural(colour, shape) + " are in the image? " + ANSWER_NUMBER;
        return new Question(PERCEPTION, NUMERIC, text, List.of(), Integer.toString(scene.count(colour, shape)));
    }

    /** "Is there a green triangle in the image?" */
    static Question exists(Scene scene, Colour colour, Shape shape) {
        String text = "Is there a " + colour.word() + " " + shape.word() + " in the image? " + ANSWER_YES_NO;
        return new Question(PERCEPTION, YES_NO, text, List.of(), scene.count(colour, shape) > 0 ? "yes" : "no");
    }

    /** "What colour is the square in the image?", for a shape the scene holds exactly once. */
    static Question colourOf(Scene scene, Shape shape, List<Colour> choiceOrder) {
        SceneObject only = onlyOne(scene.objects().stream().filter(o -> o.shape() == shape).toList(), shape.word());
        List<String> choices = choiceOrder.stream().map(Colour::word).toList();
        String text = "What colour is the " + shape.word() + " in the image? " + ANSWER_LETTER;
        return new Question(PERCEPTION, MULTI_CHOICE, text, choices, letter(choices.indexOf(only.colour().word())));
    }

    /** "What shape is the red object in the image?", for a colour the scene holds exactly once. */
    static Question shapeOf(Scene scene, Colour colour, List<String> choices) {
        SceneObject only = onlyOne(scene.objects().stream().filter(o -> o.colour() == colour).toList(), colour.word());
        String text = "What shape is the " + colour.word() + " object in the image? " + ANSWER_LETTER;
        int index = choices.indexOf(only.shape().word());
        if (index < 0) {
            throw new IllegalArgumentException("choices " + choices + " lack the right answer " + only.shape().word());
        }
        return new Question(PERCEPTION, MULTI_CHOICE, text, choices, letter(index));
    }

    /**
     * Points per colour plus an optional bonus per shape:
     * "Each red shape is worth 3 points and each blue shape is worth 5 points. Every triangle earns 2 bonus points.
     * Shapes of other colours are worth 0 points. What is the total number of points for the shapes in the image?"
     *
     * @param bonusShape null for no bonus sentence
     */
    static Question points(Scene scene, Map<Colour, Integer> pointsPerColour, Shape bonusShape, int bonus) {
        return new Question(REASONING, NUMERIC, pointsText(pointsPerColour, bonusShape, bonus) + ANSWER_NUMBER, List.of(),
                Integer.toString(totalPoints(scene, pointsPerColour, bonusShape, bonus)));
    }

    /** The points question as multiple choice; {@code choices} must contain the right total. */
    static Question pointsChoice(Scene scene, Map<Colour, Integer> pointsPerColour, Shape bonusShape, int bonus, List<Integer> choices) {
        int total = totalPoints(scene, pointsPerColour, bonusShape, bonus);
        int index = choices.indexOf(total);
        if (index < 0) {
            throw new IllegalArgumentException("choices " + choices + " lack the right total " + total);
        }
        List<String> words = choices.stream().map(String::valueOf).toList();
        return new Question(REASONING, MULTI_CHOICE, pointsText(pointsPerColour, bonusShape, bonus) + ANSWER_LETTER, words, letter(index));
    }

    static int totalPoints(Scene scene, Map<Colour, Integer> pointsPerColour, Shape bonusShape, int bonus) {
        int total = 0;
        for (SceneObject o : scene.objects()) {
            total += pointsPerColour.getOrDefault(o.colour(), 0);
            if (o.shape() == bonusShape) {
                total += bonus;
            }
        }
        return total;
    }

    /**
     * Shopping with change: "Red shapes cost 4 coins each, blue shapes cost 2 coins each and all other shapes cost
     * 1 coin each. Mia buys every shape in the image and pays with 40 coins. How many coins does Mia get back?"
     */
    static Question change(Scene scene, Map<Colour, Integer> pricePerColour, int otherPrice, String buyer, int paid) {
        int cost = 0;
        for (SceneObject o : scene.objects()) {
            cost += pricePerColour.getOrDefault(o.colour(), otherPrice);
        }
        if (paid < cost) {
            throw new IllegalArgumentException("paid " + paid + " coins is less than the cost " + cost);
        }
        List<String> prices = new ArrayList<>();
        pricePerColour.forEach((colour, price) -> prices.add(colour.word() + " shapes cost " + coins(price) + " each"));
        prices.add("all other shapes cost " + coins(otherPrice) + " each");
        String text = capitalise(joinClauses(prices)) + ". "
                + buyer + " buys every shape in the image and pays with " + coins(paid) + ". "
                + "How many coins does " + buyer + " get back? " + ANSWER_NUMBER;
        return new Question(REASONING, NUMERIC, text, List.of(), Integer.toString(paid - cost));
    }

    /**
     * Packing: "A box holds 3 shapes. Each box costs 5 coins. How many coins do the boxes for all the circles in the
     * image cost in total?"; a null colour or shape means any.
     */
    static Question boxes(Scene scene, Colour colour, Shape shape, int capacity, int boxPrice) {
        int boxesNeeded = (scene.count(colour, shape) + capacity - 1) / capacity;
        String text = "A box holds " + capacity + " shapes. Each box costs " + coins(boxPrice) + ". "
                + "How many coins do the boxes for all the " + plural(colour, shape) + " in the image cost in total? " + ANSWER_NUMBER;
        return new Question(REASONING, NUMERIC, text, List.of(), Integer.toString(boxesNeeded * boxPrice));
    }

    static String letter(int index) {
        return String.valueOf((char) ('A' + index));
    }

    private static String pointsText(Map<Colour, Integer> pointsPerColour, Shape bonusShape, int bonus) {
        List<String> worth = new ArrayList<>();
        pointsPerColour.forEach((colour, points) -> worth.add("each " + colour.word() + " shape is worth " + points(points)));
        StringBuilder text = new StringBuilder(capitalise(joinClauses(worth))).append(". ");
        if (bonusShape != null) {
            text.append("Every ").append(bonusShape.word()).append(" earns ").append(bonus).append(" bonus ")
                    .append(bonus == 1 ? "point" : "points").append(". ");
        }
        text.append("Shapes of other colours are worth 0 points. ");
        text.append("What is the total number of points for the shapes in the image? ");
        return text.toString();
    }

    private static SceneObject onlyOne(List<SceneObject> matches, String what) {
        if (matches.size() != 1) {
            throw new IllegalArgumentException("the scene must hold exactly one " + what + ", it holds " + matches.size());
        }
        return matches.get(0);
    }

    private static String plural(Colour colour, Shape shape) {
        if (colour == null && shape == null) {
            return "shapes";
        }
        if (colour == null) {
            return shape.plural();
        }
        return colour.word() + " " + (shape == null ? "shapes" : shape.plural());
    }

    private static String points(int n) {
        return n + (n == 1 ? " point" : " points");
    }

    private static String coins(int n) {
        return n + (n == 1 ? " coin" : " coins");
    }

    /** "a", "a and b", "a, b and c". */
    private static String joinClauses(List<String> clauses) {
        Objects.checkIndex(0, clauses.size());
        if (clauses.size() == 1) {
            return clauses.get(0);
        }
        return String.join(", ", clauses.subList(0, clauses.size() - 1)) + " and " + clauses.get(clauses.size() - 1);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
