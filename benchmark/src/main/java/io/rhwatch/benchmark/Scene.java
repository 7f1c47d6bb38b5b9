package io.rhwatch.benchmark;

import java.util.List;

/**
 * What an image shows: shapes on a white canvas divided into a grid, at most one shape per cell,
 * so shapes never touch or overlap.
 */
public record Scene(List<SceneObject> objects) {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final int COLUMNS = 4;
    public static final int ROWS = 3;
    public static final int CELL = 80;

    public Scene {
        objects = List.copyOf(objects);
    }

    /** How many objects match; a null colour or shape matches any. */
    public int count(Colour colour, Shape shape) {
        return (int) objects.stream()
                .filter(o -> colour == null || o.colour() == colour)
                .filter(o -> shape == null || o.shape() == shape)
                .count();
    }
}
