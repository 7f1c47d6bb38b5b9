package io.rhwatch.ingestion.service;

import com.google.protobuf.ByteString;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.proto.v1.Image;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Checks an image before it is accepted: PNG or JPEG by its bytes, dimensions and raster size from the header, then a
 * full decode (a truncated or corrupt file has a readable header too). Decodes are bounded in memory twice over: each
 * by {@code max-image-raster-bytes}, checked before any pixel is read, and all of them by
 * {@code max-concurrent-decodes}.
 */
@ApplicationScoped
public class ImageDecoder {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SIGNATURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final IngestionConfig config;
    private final Semaphore decodes;

    public ImageDecoder(IngestionConfig config) {
        this.config = config;
        this.decodes = new Semaphore(config.maxConcurrentDecodes(), true);
    }

    /** Refuses an image by its size before it is read into memory. */
    public void checkSize(long bytes) {
        if (bytes > config.maxImageBytes()) {
            throw new InvalidFieldException("image", bytes + " bytes exceeds the limit of " + config.maxImageBytes()
                    + " bytes (rhwatch.ingestion.max-image-bytes)");
        }
        if (bytes == 0) {
            throw new InvalidFieldException("image", "is empty");
        }
    }

    /** The image as a sample carries it, or an {@link InvalidFieldException} naming the limit it breaks. */
    public Image decode(byte[] bytes, String declaredMediaType) {
        checkSize(bytes.length);
        String mediaType = sniffMediaType(bytes);
        if (declaredMediaType != null && !declaredMediaType.isEmpty()) {
            String declared = declaredMediaType.strip().toLowerCase(Locale.ROOT).replace("image/jpg", JPEG);
            if (!declared.equals(mediaType)) {
                throw new InvalidFieldException("image_media_type", "does not match the image, which is " + mediaType
                        + "; give image/png or image/jpeg, or leave it out");
            }
        }
        String format = mediaType.equals(PNG) ? "png" : "jpeg";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > config.maxImagePixels()) {
                throw new InvalidFieldException("image", width + "x" + height + " pixels exceeds the limit of "
                        + config.maxImagePixels() + " pixels (rhwatch.ingestion.max-image-pixels)");
            }
            long rasterBytes = rasterBytes(reader, width, height);
            if (rasterBytes > config.maxImageRasterBytes()) {
                throw new InvalidFieldException("image", width + "x" + height + " pixels at " + bitsPerPixel(reader)
                        + " bits per pixel decode to " + rasterBytes + " bytes, over the limit of "
                        + config.maxImageRasterBytes() + " bytes (rhwatch.ingestion.max-image-raster-bytes)");
            }
            decodeAll(reader, width, height, rasterBytes);
            return Image.newBuilder()
                    .setData(ByteString.copyFrom(bytes))
                    .setMediaType(mediaType)
                    .setWidth(width)
                    .setHeight(height)
                    .build();
        } catch (InvalidFieldException | DecodeUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException("image", "not a readable " + format.toUpperCase(Locale.ROOT) + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private void decodeAll(ImageReader reader, int width, int height, long rasterBytes) throws IOException {
        String what = "decoding the " + width + "x" + height + " image (" + rasterBytes + " raster bytes)";
        try {
            if (!decodes.tryAcquire(config.decodeWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new DecodeUnavailableException("image: " + what + " waited " + config.decodeWait().toSeconds()
                        + "s for one of the " + config.maxConcurrentDecodes()
                        + " decode slots (rhwatch.ingestion.max-concurrent-decodes); the service is busy, retry later", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DecodeUnavailableException("image: " + what + " was interrupted while waiting for a decode slot", e);
        }
        try {
            reader.read(0);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(what, e);
        } catch (IOException | RuntimeException e) {
            // ImageIO's PNG reader wraps whatever the decode throws, an OutOfMemoryError included
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof OutOfMemoryError oom) {
                    throw outOfMemory(what, oom);
                }
            }
            throw e;
        } finally {
            decodes.release();
        }
    }

    private static DecodeUnavailableException outOfMemory(String what, OutOfMemoryError e) {
        return new DecodeUnavailableException("image: " + what + " ran out of memory on the server; the image is not at"
                + " fault, retry later", e);
    }

    private static long rasterBytes(ImageReader reader, int width, int height) throws IOException {
        return ((long) width * height * bitsPerPixel(reader) + 7) / 8;
    }

    /** Bits per pixel of the raster the reader decodes into: 64 for 16-bit RGBA, 24 for 8-bit RGB. */
    private static int bitsPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            throw new IOException("no raster type for this image");
        }
        return types.next().getColorModel().getPixelSize();
    }

    private static String sniffMediaType(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(bytes, JPEG_SIGNATURE)) {
            return JPEG;
        }
        throw new InvalidFieldException("image", "not a PNG or JPEG image (the first bytes are neither signature)");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
