package io.rhwatch.modelsim.language;

import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.PerceivedShape;
import io.rhwatch.modelsim.vision.Shape;

import java.util.Map;
import java.util.Optional;

/** The meaning of a question: what to compute from the scene. Empty when the scene cannot answer it. */
public sealed interface Query {

    enum Task {
        PERCEPTION,
        REASONING,
        UNKNOWN
    }

    Task task();

    Optional<Value> evaluate(PerceivedScene scene);

    /** Which shapes a phrase like "red circles" or "shapes" covers; null parts match anything. */
    record Selector(Colour colour, Shape shape) {
        boolean matches(PerceivedShape s) {
            return (colour == null || s.colour() == colour) && (shape == null || s.shape() == shape);
        }
    }

    /** Nothing to compute: the question was removed or is outside the simulator's grammar. */
    record Unanswerable() implements Query {
        @Override
        public Task task() {
            return Task.UNKNOWN;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            return Optional.empty();
        }
    }

    record Count(Selector selector) implements Query {
        @Override
        public Task task() {
            return Task.PERCEPTION;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            return Optional.of(new Value.Number(scene.count(selector.colour(), selector.shape())));
        }
    }

    record Exists(Selector selector) implements Query {
        @Override
        public Task task() {
            return Task.PERCEPTION;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            return Optional.of(new Value.YesNo(scene.count(selector.colour(), selector.shape()) > 0));
        }
    }

    /** "What colour is the square?": the first matching shape's colour; nothing when there is no square. */
    record ColourOf(Shape shape) implements Query {
        @Override
        public Task task() {
            return Task.PERCEPTION;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            return scene.shapes().stream().filter(s -> s.shape() == shape).findFirst()
                    .map(s -> new Value.Word(s.colour().word()));
        }
    }

    record ShapeOf(Colour colour) implements Query {
        @Override
        public Task task() {
            return Task.PERCEPTION;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            return scene.shapes().stream().filter(s -> s.colour() == colour).findFirst()
                    .map(s -> new Value.Word(s.shape().word()));
        }
    }

    /** Each shape earns the sum of the points of every rule it matches. */
    record Points(Map<Selector, Integer> pointsPerShape) implements Query {
        @Override
        public Task task() {
            return Task.REASONING;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            int total = 0;
            for (PerceivedShape s : scene.shapes()) {
                for (Map.Entry<Selector, Integer> rule : pointsPerShape.entrySet()) {
                    if (rule.getKey().matches(s)) {
                        total += rule.getValue();
                    }
                }
            }
            return Optional.of(new Value.Number(total));
        }
    }

    /** Buying every shape at its colour's price (or the price for all others) and paying {@code paid}. */
    record Change(Map<Colour, Integer> pricePerColour, int otherPrice, int paid) implements Query {
        @Override
        public Task task() {
            return Task.REASONING;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            int cost = 0;
            for (PerceivedShape s : scene.shapes()) {
                cost += pricePerColour.getOrDefault(s.colour(), otherPrice);
            }
            return Optional.of(new Value.Number(Math.max(0, paid - cost)));
        }
    }

    /** Enough boxes of {@code capacity} for the selected shapes, at {@code boxPrice} each. */
    record Boxes(Selector selector, int capacity, int boxPrice) implements Query {
        @Override
        public Task task() {
            return Task.REASONING;
        }

        @Override
        public Optional<Value> evaluate(PerceivedScene scene) {
            int n = scene.count(selector.colour(), selector.shape());
            return Optional.of(new Value.Number((n + capacity - 1) / capacity * boxPrice));
        }
    }
}
