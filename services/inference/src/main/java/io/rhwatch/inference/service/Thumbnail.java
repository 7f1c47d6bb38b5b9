package io.rhwatch.inference.service;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A small PNG of the image the model saw, for audit views (Response.thumbnail). */
public final class Thumbnail {

    static {
        // no display: draw into memory only
        System.setProperty("java.awt.headless", "true");
    }

    private Thumbnail() {
    }

    /**
     * The image scaled so its longest side is at most {@code longestSide} pixels (never enlarged), as PNG; empty
     * when the bytes are not an image Java can read (a thumbnail is an aid, never a reason to fail a probe).
     */
    public static byte[] png(byte[] image, int longestSide) {
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException unreadable) {
            return new byte[0];
        }
        if (source == null) {
            return new byte[0];
        }
        double scale = Math.min(1.0, (double) longestSide / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = small.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "png", png);
        } catch (IOException e) {
            throw new IllegalStateException("could not write a PNG thumbnail", e);
        }
        return png.toByteArray();
    }
}
