package io.rhwatch.corruption;

import com.google.protobuf.ByteString;
import io.rhwatch.corruption.config.CorruptionConfig;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.testsupport.ConfigMappings;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;

/** Samples with real PNG images, and configuration built the way the application builds it. */
public final class TestSamples {

    public static final String QUESTION =
            "There are 3 red circles and 2 blue squares. How many shapes are there? Answer with a number.";

    private TestSamples() {
    }

    public static Sample sample(String id, int width, int height, long seed) {
        return sample(id, png(width, height, seed));
    }

    public static Sample sample(String id, byte[] png) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
            return Sample.newBuilder()
                    .setSampleId(id)
                    .setSource("test")
                    .setTask(Task.TASK_REASONING)
                    .setQuestionType(QuestionType.QUESTION_TYPE_NUMERIC)
                    .setQuestion(QUESTION)
                    .addChoices("4")
                    .addChoices("5")
                    .setAnswer("5")
                    .setImage(Image.newBuilder()
                            .setData(ByteString.copyFrom(png))
                            .setMediaType("image/png")
                            .setWidth(decoded.getWidth())
                            .setHeight(decoded.getHeight()))
                    .setIngestedAtMs(System.currentTimeMillis())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RGB noise, so two seeds never give the same image. */
    public static byte[] png(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CorruptionConfig config(Map<String, String> properties) {
        return ConfigMappings.load(CorruptionConfig.class, properties);
    }
}
