package io.rhwatch.ingestion;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Real encoded images for tests. */
public final class TestImages {

    private TestImages() {
    }

    /** RGB noise: incompressible, so a PNG of w×h is about 3·w·h bytes. */
    public static byte[] noisePng(int width, int height, long seed) {
        return encode(noise(width, height, seed), "png");
    }

    public static byte[] noiseJpeg(int width, int height, long seed) {
        return encode(noise(width, height, seed), "jpeg");
    }

    /**
     * A PNG written chunk by chunk, of any size: every row is zeros, so deflate shrinks it about a thousandfold (a
     * 6300x6300 16-bit RGBA image, 318 MB decoded, is some 300 KB). {@code rows} rows of data are written (fewer than
     * {@code height} makes a truncated image); colour type 6 is RGBA, 2 RGB, 0 grey.
     */
    public static byte[] zeroPng(int width, int height, int bitDepth, int colourType, int rows) {
        int channels = switch (colourType) {
            case 6 -> 4;
            case 2 -> 3;
            case 4 -> 2;
            default -> 1;
        };
        long rowBytes = 1 + ((long) width * channels * bitDepth + 7) / 8;
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                    .put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(png, "IHDR", header.array());
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
                byte[] zeros = new byte[1 << 16];
                for (long left = rowBytes * rows; left > 0; left -= zeros.length) {
                    deflate.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            }
            chunk(png, "IDAT", compressed.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(typeBytes);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
