package io.rhwatch.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Generates the synthetic benchmark: scenes of 2-7 coloured shapes, each with one question that cannot be
 * answered without the image. Even indexes get perception questions, odd ones reasoning questions.
 * Sample {@code i} depends only on (seed, i), so a larger benchmark extends a smaller one with the same seed.
 */
public final class BenchmarkGenerator {

    public static final int MAX_SAMPLES = 100_000;

    private static final List<String> SHAPE_CHOICES = List.of("circle", "square", "triangle", "star");
    private static final List<String> BUYERS = List.of("Mia", "Leo", "Ava", "Sam", "Noah", "Zoe");
    private static final int MIN_OBJECTS = 2;
    private static final int MAX_OBJECTS = 7;
    private static final int MIN_SIZE = 40;
    private static final int MAX_SIZE = 60;
    private static final int MARGIN = 4;

    private BenchmarkGenerator() {
    }

    public static List<BenchmarkSample> generate(int samples, long seed) {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be between 1 and " + MAX_SAMPLES + ", got " + samples);
        }
        return IntStream.range(0, samples).mapToObj(i -> sample(i, seed)).toList();
    }

    private static BenchmarkSample sample(int index, long seed) {
        Random random = new Random(mix(seed, index));
        Scene scene = scene(random);
        Question q = index % 2 == 0 ? perception(scene, random) : reasoning(scene, random);
        String id = String.format("rhb-%d-%04d", seed, index + 1);
        return new BenchmarkSample(id, q.task(), q.questionType(), q.text(), q.choices(), q.answer(), SceneRenderer.png(scene), scene);
    }

    static Scene scene(Random random) {
        List<Integer> cells = new ArrayList<>(IntStream.range(0, Scene.COLUMNS * Scene.ROWS).boxed().toList());
        Collections.shuffle(cells, random);
        int n = MIN_OBJECTS + random.nextInt(MAX_OBJECTS - MIN_OBJECTS + 1);
        List<SceneObject> objects = new ArrayList<>();
        for (int cell : cells.subList(0, n)) {
            int size = MIN_SIZE + random.nextInt(MAX_SIZE - MIN_SIZE + 1);
            int slack = Scene.CELL - size - 2 * MARGIN;
            objects.add(new SceneObject(pick(random, Shape.values()), pick(random, Colour.values()),
                    cell % Scene.COLUMNS, cell / Scene.COLUMNS, size,
                    MARGIN + random.nextInt(slack + 1), MARGIN + random.nextInt(slack + 1)));
        }
        return new Scene(objects);
    }

    private static Question perception(Scene scene, Random random) {
        int roll = random.nextInt(10);
        if (roll < 3) {
            List<Supplier<Question>> choiceQuestions = new ArrayList<>();
            List<Shape> uniqueShapes = Arrays.stream(Shape.values()).filter(s -> scene.count(null, s) == 1).toList();
            List<Colour> uniqueColours = Arrays.stream(Colour.values()).filter(c -> scene.count(c, null) == 1).toList();
            if (!uniqueShapes.isEmpty()) {
                choiceQuestions.add(() -> Questions.colourOf(scene, pick(random, uniqueShapes), shuffled(random, List.of(Colour.values()))));
            }
            if (!uniqueColours.isEmpty()) {
                choiceQuestions.add(() -> Questions.shapeOf(scene, pick(random, uniqueColours), shuffled(random, SHAPE_CHOICES)));
            }
            if (!choiceQuestions.isEmpty()) {
                return pick(random, choiceQuestions).get();
            }
        }
        return roll < 6 ? exists(scene, random) : count(scene, random);
    }

    private static Question count(Scene scene, Random random) {
        // Mostly ask about something present, so answers are not dominated by zero.
        SceneObject reference = random.nextInt(5) > 0 ? pick(random, scene.objects()) : null;
        Colour colour = reference != null ? reference.colour() : pick(random, Colour.values());
        Shape shape = reference != null ? reference.shape() : pick(random, Shape.values());
        return switch (random.nextInt(3)) {
            case 0 -> Questions.count(scene, colour, shape);
            case 1 -> Questions.count(scene, colour, null);
            default -> Questions.count(scene, null, shape);
        };
    }

    private static Question exists(Scene scene, Random random) {
        if (random.nextBoolean()) {
            SceneObject present = pick(random, scene.objects());
            return Questions.exists(scene, present.colour(), present.shape());
        }
        List<Colour> colours = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        for (Colour c : Colour.values()) {
            for (Shape s : Shape.values()) {
                if (scene.count(c, s) == 0) {
                    colours.add(c);
                    shapes.add(s);
                }
            }
        }
        int absent = random.nextInt(colours.size());
        return Questions.exists(scene, colours.get(absent), shapes.get(absent));
    }

    private static Question reasoning(Scene scene, Random random) {
        int roll = random.nextInt(20);
        if (roll < 7) {
            return Questions.points(scene, pointsPerColour(random), bonusShape(random), 1 + random.nextInt(4));
        }
        if (roll < 12) {
            return change(scene, random);
        }
        if (roll < 16) {
            Colour colour = null;
            Shape shape = null;
            switch (random.nextInt(3)) {
                case 0 -> colour = pick(random, Colour.values());
                case 1 -> shape = pick(random, Shape.values());
                default -> { /* all shapes */ }
            }
            return Questions.boxes(scene, colour, shape, 2 + random.nextInt(3), 2 + random.nextInt(8));
        }
        Map<Colour, Integer> points = pointsPerColour(random);
        Shape bonusShape = bonusShape(random);
        int bonus = 1 + random.nextInt(4);
        int total = Questions.totalPoints(scene, points, bonusShape, bonus);
        List<Integer> wrong = new ArrayList<>();
        for (int delta : new int[] {-3, -2, -1, 1, 2, 3}) {
            if (total + delta >= 0) {
                wrong.add(total + delta);
            }
        }
        Collections.shuffle(wrong, random);
        List<Integer> choices = new ArrayList<>(wrong.subList(0, 3));
        choices.add(total);
        Collections.shuffle(choices, random);
        return Questions.pointsChoice(scene, points, bonusShape, bonus, choices);
    }

    private static Question change(Scene scene, Random random) {
        List<Colour> colours = shuffled(random, List.of(Colour.values()));
        Map<Colour, Integer> prices = new LinkedHashMap<>();
        prices.put(colours.get(0), 2 + random.nextInt(5));
        prices.put(colours.get(1), 2 + random.nextInt(5));
        int otherPrice = 1;
        int cost = 0;
        for (SceneObject o : scene.objects()) {
            cost += prices.getOrDefault(o.colour(), otherPrice);
        }
        int paid = (cost / 10 + 1 + random.nextInt(3)) * 10;
        return Questions.change(scene, prices, otherPrice, pick(random, BUYERS), paid);
    }

    private static Map<Colour, Integer> pointsPerColour(Random random) {
        List<Colour> colours = shuffled(random, List.of(Colour.values()));
        int rules = 1 + random.nextInt(2);
        Map<Colour, Integer> points = new EnumMap<>(Colour.class);
        for (Colour colour : colours.subList(0, rules)) {
            points.put(colour, 1 + random.nextInt(6));
        }
        return points;
    }

    private static Shape bonusShape(Random random) {
        return random.nextInt(10) < 7 ? pick(random, Shape.values()) : null;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> List<T> shuffled(Random random, List<T> values) {
        List<T> copy = new ArrayList<>(values);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** A well-spread per-sample seed (SplitMix64 finaliser), so neighbouring samples are unrelated. */
    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
