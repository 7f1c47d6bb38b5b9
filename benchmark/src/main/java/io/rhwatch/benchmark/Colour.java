package io.rhwatch.benchmark;

import java.awt.Color;
import java.util.Locale;

/** The pure colours shapes are painted in; pure so a reader can classify pixels without ambiguity. */
public enum Colour {
    RED(new Color(255, 0, 0)),
    GREEN(new Color(0, 255, 0)),
    BLUE(new Color(0, 0, 255)),
    YELLOW(new Color(255, 255, 0));

    private final Color paint;

    Colour(Color paint) {
        this.paint = paint;
    }

    public Color paint() {
        return paint;
    }

    /** The word used in questions and choices, e.g. {@code red}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
