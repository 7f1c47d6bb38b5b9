package io.rhwatch.benchmark;

/**
 * One shape in a scene, drawn inside grid cell ({@code column}, {@code row}).
 *
 * @param size    side of the shape's bounding box in pixels
 * @param offsetX left edge of the bounding box relative to the cell's left edge
 * @param offsetY top edge of the bounding box relative to the cell's top edge
 */
public record SceneObject(Shape shape, Colour colour, int column, int row, int size, int offsetX, int offsetY) {
}
