package io.rhwatch.modelsim.vision;

import java.util.Locale;
import java.util.Optional;

public enum Shape {
    CIRCLE,
    SQUARE,
    TRIANGLE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String plural() {
        return word() + "s";
    }

    public static Optional<Shape> ofWord(String word) {
        for (Shape s : values()) {
            if (s.word().equalsIgnoreCase(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
