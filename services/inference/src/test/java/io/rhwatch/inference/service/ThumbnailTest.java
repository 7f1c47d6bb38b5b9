package io.rhwatch.inference.service;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailTest {

    @Test
    void decodesLargeImagesSubsampledButNeverBelowTwiceTheThumbnail() {
        assertThat(Thumbnail.subsampling(7296, 5472, 96)).isEqualTo(38); // 40 MP: 192 x 144 pixels decoded
        assertThat(7296 / Thumbnail.subsampling(7296, 5472, 96)).isGreaterThanOrEqualTo(2 * 96);
        assertThat(Thumbnail.subsampling(5472, 7296, 96)).isEqualTo(38);
        assertThat(Thumbnail.subsampling(383, 200, 96)).isEqualTo(1);
        assertThat(Thumbnail.subsampling(50, 50, 96)).isEqualTo(1);
    }

    @Test
    void scalesASubsampledImageKeepingItsShapeAndColours() throws IOException {
        BufferedImage image = new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 1000, 1000);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(1000, 0, 1000, 1000);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                Thumbnail.png(ByteString.copyFrom(png.toByteArray()), 96)));

        assertThat(thumbnail.getWidth()).isEqualTo(96);
        assertThat(thumbnail.getHeight()).isEqualTo(48);
        assertThat(new Color(thumbnail.getRGB(10, 24))).isEqualTo(Color.RED);
        assertThat(new Color(thumbnail.getRGB(85, 24))).isEqualTo(Color.BLUE);
    }

    @Test
    void isEmptyForBytesThatAreNoImage() {
        assertThat(Thumbnail.png(ByteString.copyFromUtf8("not an image"), 96)).isEmpty();
    }
}
