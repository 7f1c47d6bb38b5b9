package io.rhwatch.modelsim.vision;

import java.util.List;

/** What the simulator saw in an image, in reading order (top to bottom, left to right). */
public record PerceivedScene(List<PerceivedShape> shapes) {

    public PerceivedScene {
        shapes = List.copyOf(shapes);
    }

    /** How many shapes match; a null colour or shape matches any. */
    public int count(Colour colour, Shape shape) {
        return (int) shapes.stream()
                .filter(s -> colour == null || s.colour() == colour)
                .filter(s -> shape == null || s.shape() == shape)
                .count();
    }

    public boolean isEmpty() {
        return shapes.isEmpty();
    }
}
