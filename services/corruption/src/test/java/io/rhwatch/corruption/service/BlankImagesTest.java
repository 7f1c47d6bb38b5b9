package io.rhwatch.corruption.service;

import io.rhwatch.proto.v1.Image;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class BlankImagesTest {

    private final BlankImages blanks = new BlankImages(2);

    @Test
    void aBlankIsAWhitePngOfTheSameSize() throws Exception {
        Image blank = blanks.blank(37, 21);

        assertThat(blank.getMediaType()).isEqualTo("image/png");
        assertThat(blank.getWidth()).isEqualTo(37);
        assertThat(blank.getHeight()).isEqualTo(21);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(blank.getData().toByteArray()));
        assertThat(decoded.getWidth()).isEqualTo(37);
        assertThat(decoded.getHeight()).isEqualTo(21);
        for (int y = 0; y < 21; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(decoded.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y).isEqualTo(0xFFFFFF);
            }
        }
    }

    @Test
    void eachSizeIsDrawnOnceWhileItStaysInTheCache() {
        Image first = blanks.blank(10, 20);
        assertThat(blanks.blank(10, 20)).isSameAs(first);
        assertThat(blanks.blank(20, 10)).isNotSameAs(first).extracting(Image::getWidth).isEqualTo(20);

        blanks.blank(30, 30);
        blanks.blank(40, 40);
        assertThat(blanks.blank(10, 20)).as("evicted beyond two sizes, drawn again").isNotSameAs(first).isEqualTo(first);
    }
}
