package io.rhwatch.modelsim.vision;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.benchmark.SceneObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SceneReaderTest {

    private static final List<BenchmarkSample> SAMPLES = BenchmarkGenerator.generate(200, 7);

    @Test
    void readsEveryRenderedSceneExactly() {
        for (BenchmarkSample sample : SAMPLES) {
            PerceivedScene read = SceneReader.read(sample.png());
            assertThat(tally(read)).as(sample.id()).isEqualTo(truth(sample));
        }
    }

    @Test
    void readsShapesInReadingOrderWithTheirPositions() {
        BenchmarkSample sample = SAMPLES.get(0);
        PerceivedScene read = SceneReader.read(sample.png());
        assertThat(read.shapes()).hasSize(sample.scene().objects().size());
        for (PerceivedShape shape : read.shapes()) {
            assertThat(shape.centreX()).isBetween(0.0, 1.0);
            assertThat(shape.centreY()).isBetween(0.0, 1.0);
        }
        for (int i = 1; i < read.shapes().size(); i++) {
            PerceivedShape before = read.shapes().get(i - 1), after = read.shapes().get(i);
            assertThat(Math.floor(before.centreY() * 3)).isLessThanOrEqualTo(Math.floor(after.centreY() * 3));
        }
    }

    @Test
    void aBlankImageOfTheSameSizeShowsNothing() throws IOException {
        BufferedImage white = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        assertThat(SceneReader.read(encode(white, "png")).isEmpty()).isTrue();
        assertThat(SceneReader.read(encode(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png")).isEmpty())
                .as("black counts as background too").isTrue();
    }

    @Test
    void aSwappedImageReadsAsTheOtherScene() {
        BenchmarkSample a = SAMPLES.get(0), b = SAMPLES.get(1);
        assertThat(truth(a)).isNotEqualTo(truth(b));
        assertThat(tally(SceneReader.read(b.png()))).isEqualTo(truth(b));
    }

    @Test
    void survivesJpegCompression() throws IOException {
        for (BenchmarkSample sample : SAMPLES.subList(0, 30)) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(sample.png()));
            assertThat(tally(SceneReader.read(encode(image, "jpg")))).as(sample.id()).isEqualTo(truth(sample));
        }
    }

    @Test
    void bytesThatAreNoImageAreRejectedWithTheReason() {
        assertThatThrownBy(() -> SceneReader.read("not an image".getBytes()))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessageContaining("not in a format the simulator can decode");
    }

    private static Map<String, Integer> tally(PerceivedScene scene) {
        Map<String, Integer> counts = new TreeMap<>();
        scene.shapes().forEach(s -> counts.merge(s.colour().word() + " " + s.shape().word(), 1, Integer::sum));
        return counts;
    }

    private static Map<String, Integer> truth(BenchmarkSample sample) {
        Map<String, Integer> counts = new TreeMap<>();
        for (SceneObject o : sample.scene().objects()) {
            counts.merge(o.colour().word() + " " + o.shape().word(), 1, Integer::sum);
        }
        return counts;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
