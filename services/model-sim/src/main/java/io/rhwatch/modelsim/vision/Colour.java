package io.rhwatch.modelsim.vision;

import java.util.Locale;
import java.util.Optional;

/** The colours the simulator can tell apart, with the pure RGB value each one is matched against. */
public enum Colour {
    RED(255, 0, 0),
    GREEN(0, 255, 0),
    BLUE(0, 0, 255),
    YELLOW(255, 255, 0);

    final int r;
    final int g;
    final int b;

    Colour(int r, int g, int b) {
        this.r = r;
        this.g = g;
        this.b = b;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Colour> ofWord(String word) {
        for (Colour c : values()) {
            if (c.word().equalsIgnoreCase(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
