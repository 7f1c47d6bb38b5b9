package io.rhwatch.corruption.service;

import com.google.protobuf.ByteString;
import io.rhwatch.proto.v1.Image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The blank_image corruption: a white PNG of the sample's width and height, drawn once per size. */
public final class BlankImages {

    public static final String MEDIA_TYPE = "image/png";

    private final Map<Long, Image> bySize;

    public BlankImages(int cachedSizes) {
        // Least recently used size goes first.
        this.bySize = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Image> eldest) {
                return size() > cachedSizes;
            }
        };
    }

    public synchronized Image blank(int width, int height) {
        return bySize.computeIfAbsent(((long) width << 32) | height, size -> draw(width, height));
    }

    private static Image draw(int width, int height) {
        // 8-bit grey: a third of the memory of RGB, and every decoder reads it.
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Arrays.fill(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), (byte) 0xFF);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a blank " + width + "x" + height + " PNG", e);
        }
        return Image.newBuilder()
                .setData(ByteString.copyFrom(png.toByteArray()))
                .setMediaType(MEDIA_TYPE)
                .setWidth(width)
                .setHeight(height)
                .build();
    }
}
