package io.rhwatch.benchmark;

import java.util.Locale;

public enum Shape {
    CIRCLE,
    SQUARE,
    TRIANGLE;

    /** The word used in questions and choices, e.g. {@code circle}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String plural() {
        return word() + "s";
    }
}
