package io.rhwatch.benchmark;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Paints a scene as a PNG: flat colours, no anti-aliasing, so every pixel is either white or a pure colour. */
public final class SceneRenderer {

    private SceneRenderer() {
    }

    public static byte[] png(Scene scene) {
        BufferedImage image = new BufferedImage(Scene.WIDTH, Scene.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, Scene.WIDTH, Scene.HEIGHT);
            for (SceneObject o : scene.objects()) {
                draw(g, o);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the scene as PNG", e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, SceneObject o) {
        int x = o.column() * Scene.CELL + o.offsetX();
        int y = o.row() * Scene.CELL + o.offsetY();
        int s = o.size();
        g.setColor(o.colour().paint());
        switch (o.shape()) {
            case CIRCLE -> g.fillOval(x, y, s, s);
            case SQUARE -> g.fillRect(x, y, s, s);
            case TRIANGLE -> g.fillPolygon(new int[] {x + s / 2, x + s, x}, new int[] {y, y + s, y + s}, 3);
        }
    }
}
