package io.rhwatch.inference.service;

import com.google.protobuf.ByteString;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

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
     * when the bytes are not an image Java can read (a thumbnail is an aid, never a reason to fail a probe). Large
     * images are decoded subsampled, so a 40-megapixel photo is never held in memory at full size.
     */
    public static byte[] png(ByteString image, int longestSide) {
        BufferedImage source;
        try {
            source = readSubsampled(image, longestSide);
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

    /** Decodes every n-th pixel of every n-th row, n chosen so the result still has at least twice the thumbnail's size. */
    private static BufferedImage readSubsampled(ByteString image, int longestSide) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(image.newInput())) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(reader.getWidth(0), reader.getHeight(0), longestSide);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /** The subsampling step for an image of this size; 1 (every pixel) for images up to twice the thumbnail's size. */
    static int subsampling(int width, int height, int longestSide) {
        return Math.max(1, Math.max(width, height) / (2 * longestSide));
    }
}
