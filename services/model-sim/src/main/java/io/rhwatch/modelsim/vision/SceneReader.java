package io.rhwatch.modelsim.vision;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads shapes from pixels, the simulator's only way to know what an image shows: each connected region of one
 * saturated colour is a shape; its colour is the nearest pure colour and its form follows from how much of its
 * bounding box it fills (square ~1, circle ~pi/4, triangle ~1/2). White, grey and black are background, so a
 * blank image reads as no shapes at all.
 */
public final class SceneReader {

    /** Regions smaller than this share of the image are specks (compression noise), not shapes. */
    private static final double MIN_REGION_SHARE = 0.001;
    /** Below this channel spread a pixel is white, grey or black. */
    private static final int MIN_SATURATION = 80;
    private static final double SQUARE_FILL = 0.9;
    private static final double CIRCLE_FILL = 0.65;
    private static final int BACKGROUND = -1;

    private SceneReader() {
    }

    /** @throws UnreadableImageException when the bytes are not an image ImageIO can decode (PNG, JPEG, GIF, BMP) */
    public static PerceivedScene read(byte[] encoded) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("the image could not be decoded: " + e.getMessage());
        }
        if (image == null) {
            throw new UnreadableImageException("the image is not in a format the simulator can decode (PNG, JPEG, GIF or BMP)");
        }
        return read(image);
    }

    static PerceivedScene read(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] classes = classify(image.getRGB(0, 0, width, height, null, 0, width));
        int minPixels = Math.max(1, (int) (MIN_REGION_SHARE * width * height));
        boolean[] visited = new boolean[classes.length];
        int[] stack = new int[classes.length];
        List<PerceivedShape> shapes = new ArrayList<>();
        for (int start = 0; start < classes.length; start++) {
            if (visited[start] || classes[start] == BACKGROUND) {
                continue;
            }
            int colour = classes[start];
            int pixels = 0, minX = width, maxX = -1, minY = height, maxY = -1;
            int top = 0;
            stack[top++] = start;
            visited[start] = true;
            while (top > 0) {
                int p = stack[--top];
                int x = p % width, y = p / width;
                pixels++;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
                top = visit(x > 0 ? p - 1 : -1, colour, classes, visited, stack, top);
                top = visit(x < width - 1 ? p + 1 : -1, colour, classes, visited, stack, top);
                top = visit(y > 0 ? p - width : -1, colour, classes, visited, stack, top);
                top = visit(y < height - 1 ? p + width : -1, colour, classes, visited, stack, top);
            }
            if (pixels < minPixels) {
                continue;
            }
            int boxWidth = maxX - minX + 1, boxHeight = maxY - minY + 1;
            double fill = pixels / (double) (boxWidth * boxHeight);
            Shape shape = fill >= SQUARE_FILL ? Shape.SQUARE : fill >= CIRCLE_FILL ? Shape.CIRCLE : Shape.TRIANGLE;
            shapes.add(new PerceivedShape(Colour.values()[colour], shape,
                    (minX + boxWidth / 2.0) / width, (minY + boxHeight / 2.0) / height));
        }
        shapes.sort(Comparator.comparingDouble((PerceivedShape s) -> Math.floor(s.centreY() * 3))
                .thenComparingDouble(PerceivedShape::centreX));
        return new PerceivedScene(shapes);
    }

    private static int visit(int p, int colour, int[] classes, boolean[] visited, int[] stack, int top) {
        if (p >= 0 && !visited[p] && classes[p] == colour) {
            visited[p] = true;
            stack[top++] = p;
        }
        return top;
    }

    private static int[] classify(int[] argb) {
        int[] classes = new int[argb.length];
        Colour[] colours = Colour.values();
        for (int i = 0; i < argb.length; i++) {
            int r = (argb[i] >> 16) & 0xFF, g = (argb[i] >> 8) & 0xFF, b = argb[i] & 0xFF;
            int spread = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
            if (spread < MIN_SATURATION) {
                classes[i] = BACKGROUND;
                continue;
            }
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            for (int c = 0; c < colours.length; c++) {
                long dr = r - colours[c].r, dg = g - colours[c].g, db = b - colours[c].b;
                long distance = dr * dr + dg * dg + db * db;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            classes[i] = best;
        }
        return classes;
    }
}
