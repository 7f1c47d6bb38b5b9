package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.language.Prompt;
import io.rhwatch.modelsim.language.Query;
import io.rhwatch.modelsim.language.Question;
import io.rhwatch.modelsim.language.Tokenizer;
import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.PerceivedShape;
import io.rhwatch.modelsim.vision.Shape;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes thinking of exactly the requested length: first what the model sees and what it was asked, then
 * re-checking filler for as long as the budget lasts. It never closes the thinking: the caller decides where it ends.
 */
final class ThinkingWriter {

    private static final List<String> GENERIC = List.of(
            "Wait, let me make sure I did not miss anything near the edges of the image.",
            "So far everything I see is consistent with my first look.",
            "Let me go over what the question asks once more before answering.",
            "Hmm, maybe I should look at the whole picture one more time.",
            "I should be careful not to count the same shape twice.",
            "Let me double-check that step before I move on.");

    private ThinkingWriter() {
    }

    static List<String> write(Question question, PerceivedScene scene, long seed, int tokenCount) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> tokens = new ArrayList<>(tokenCount + 16);
        StringBuilder paragraph = new StringBuilder("Okay, let me look at the image carefully. ")
                .append(describe(scene)).append(' ')
                .append(restate(question));
        tokens.addAll(Tokenizer.tokens(paragraph.append('\n').toString()));
        int sentencesInParagraph = 0;
        while (tokens.size() < tokenCount) {
            boolean lastInParagraph = ++sentencesInParagraph == 4;
            tokens.addAll(Tokenizer.tokens(filler(scene, random) + (lastInParagraph ? "\n" : " ")));
            if (lastInParagraph) {
                sentencesInParagraph = 0;
            }
        }
        return tokens.subList(0, tokenCount);
    }

    private static String describe(PerceivedScene scene) {
        if (scene.isEmpty()) {
            return "The image looks blank: I do not see any shapes in it.";
        }
        Map<Colour, Map<Shape, Integer>> counts = new EnumMap<>(Colour.class);
        for (PerceivedShape s : scene.shapes()) {
            counts.computeIfAbsent(s.colour(), c -> new EnumMap<>(Shape.class)).merge(s.shape(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((colour, byShape) -> byShape.forEach((shape, n) ->
                parts.add(n + " " + colour.word() + " " + (n == 1 ? shape.word() : shape.plural()))));
        String list = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        return "I can see " + list + ".";
    }

    private static String restate(Question question) {
        String asked = question.text().replace(Prompt.THINK_CLOSE, " ").replace(Prompt.THINK_OPEN, " ")
                .replaceAll("\\s+", " ").strip();
        if (question.query().task() == Query.Task.UNKNOWN) {
            return "The question only says: " + asked + " I am not sure what exactly is being asked, so I will rely on the image.";
        }
        return "The question is: " + asked;
    }

    private static String filler(PerceivedScene scene, SplittableRandom random) {
        if (scene.isEmpty() || random.nextInt(3) == 0) {
            return scene.isEmpty() && random.nextBoolean()
                    ? "I still do not see any shapes, so let me scan the image again."
                    : GENERIC.get(random.nextInt(GENERIC.size()));
        }
        PerceivedShape s = scene.shapes().get(random.nextInt(scene.shapes().size()));
        String row = s.centreY() < 1 / 3.0 ? "top" : s.centreY() < 2 / 3.0 ? "middle" : "bottom";
        String side = s.centreX() < 0.5 ? "left" : "right";
        return switch (random.nextInt(3)) {
            case 0 -> "Let me re-check the " + s.colour().word() + " shapes in the " + row + " row.";
            case 1 -> "Counting the " + s.shape().plural() + " once more, I get " + scene.count(null, s.shape()) + ".";
            default -> "The " + s.colour().word() + " " + s.shape().word() + " on the " + side + " looks clear enough.";
        };
    }
}
