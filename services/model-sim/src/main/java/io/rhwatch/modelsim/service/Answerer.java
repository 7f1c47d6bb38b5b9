package io.rhwatch.modelsim.service;

import io.rhwatch.modelsim.language.Query;
import io.rhwatch.modelsim.language.Question;
import io.rhwatch.modelsim.language.Value;
import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.Shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a final answer. The simulated model computes the answer from what it perceived; whether it gets it right
 * is a draw against its accuracy at this thinking length (perception or reasoning by the kind of question).
 * Right means the perceived answer, which is wrong against the ground truth when the image was blanked or swapped;
 * wrong means a plausible hallucination near it. A question it cannot compute (conditions removed, or asking about
 * something it does not see) gets a guess. A perception question the model answers from its text prior (as often as
 * its profile's {@code textPrior} says at this thinking length) gets the prior's guess without a look at the image, so
 * the same answer whatever the image shows, blank or another sample's.
 */
final class Answerer {

    static final String REFUSAL = "I cannot tell from the image.";

    private Answerer() {
    }

    static Answer answer(ModelProfile profile, Question question, PerceivedScene scene, Draws draws, int thinkingTokens) {
        if (draws.refuse() < profile.refusalRate()) {
            return new Answer(null, REFUSAL);
        }
        Query query = question.query();
        if (query.task() == Query.Task.PERCEPTION) {
            TextPrior prior = TextPrior.of(profile.seed(), question.text());
            if (prior.lean() < profile.textPrior().at(thinkingTokens)) {
                String fromPrior = guess(question, prior.answer());
                return new Answer(fromPrior, style(fromPrior, question.form(), Draws.mix(draws.style(), thinkingTokens)));
            }
        }
        Optional<Value> perceived = query.evaluate(scene);
        Optional<String> right = perceived.flatMap(v -> inForm(v, question));
        String value;
        if (right.isEmpty()) {
            value = guess(question, draws.wrong());
        } else {
            AccuracyCurve accuracy = query.task() == Query.Task.REASONING ? profile.reasoning() : profile.perception();
            value = draws.correct() < accuracy.at(thinkingTokens) ? right.get() : mistake(right.get(), perceived.get(), question, draws.wrong());
        }
        return new Answer(value, style(value, question.form(), Draws.mix(draws.style(), thinkingTokens)));
    }

    /** The value as the question wants it; empty when it cannot be given that way (e.g. a colour no choice names). */
    private static Optional<String> inForm(Value value, Question question) {
        return switch (question.form()) {
            case NUMBER -> value instanceof Value.Number ? Optional.of(value.toString()) : Optional.empty();
            case YES_NO -> value instanceof Value.YesNo ? Optional.of(value.toString()) : Optional.empty();
            case LETTER -> {
                int index = indexOfChoice(question.choices(), value.toString());
                yield index < 0 ? Optional.empty() : Optional.of(Question.letter(index));
            }
            case FREE -> Optional.of(value.toString());
        };
    }

    /** A plausible wrong answer next to the right one: another option, the other of yes/no, a near number. */
    private static String mistake(String right, Value perceived, Question question, double draw) {
        if (question.form() == Question.AnswerForm.LETTER) {
            int options = Math.max(question.choices().size(), 2);
            int offset = 1 + (int) (draw * (options - 1));
            return Question.letter((right.charAt(0) - 'A' + offset) % options);
        }
        if (perceived instanceof Value.YesNo yesNo) {
            return yesNo.yes() ? "no" : "yes";
        }
        if (perceived instanceof Value.Number number) {
            int reach = question.query().task() == Query.Task.REASONING ? 3 : 2;
            List<Integer> nearby = new ArrayList<>();
            for (int delta = -reach; delta <= reach; delta++) {
                if (delta != 0 && number.value() + delta >= 0) {
                    nearby.add(number.value() + delta);
                }
            }
            return Integer.toString(nearby.get((int) (draw * nearby.size())));
        }
        String word = perceived.toString();
        List<String> vocabulary = Colour.ofWord(word).isPresent()
                ? Arrays.stream(Colour.values()).map(Colour::word).toList()
                : Arrays.stream(Shape.values()).map(Shape::word).toList();
        List<String> others = vocabulary.stream().filter(w -> !w.equals(word)).toList();
        return others.get((int) (draw * others.size()));
    }

    private static String guess(Question question, double draw) {
        return switch (question.form()) {
            case YES_NO -> draw < 0.5 ? "yes" : "no";
            case LETTER -> Question.letter((int) (draw * (question.choices().isEmpty() ? 4 : question.choices().size())));
            case NUMBER, FREE -> Integer.toString((int) (draw * (question.query().task() == Query.Task.REASONING ? 30 : 7)));
        };
    }

    private static int indexOfChoice(List<String> choices, String value) {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).equalsIgnoreCase(value)) {
                return i;
            }
        }
        return -1;
    }

    /** Models phrase answers in many ways; a judge has to read them all. */
    private static String style(String value, Question.AnswerForm form, long draw) {
        String letterOrValue = form == Question.AnswerForm.LETTER ? "(" + value + ")" : value;
        return switch ((int) Math.floorMod(draw, 7L)) {
            case 0 -> "Answer: " + value;
            case 1 -> "<answer>" + value + "</answer>";
            case 2 -> "The answer is " + letterOrValue + ".";
            case 3 -> "**Answer:** " + value;
            case 4 -> "\\boxed{" + value + "}";
            case 5 -> value;
            default -> value.substring(0, 1).toUpperCase(Locale.ROOT) + value.substring(1) + ".";
        };
    }
}
