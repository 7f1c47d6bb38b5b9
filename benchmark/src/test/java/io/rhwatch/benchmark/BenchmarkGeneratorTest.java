package io.rhwatch.benchmark;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkGeneratorTest {

    private static final List<BenchmarkSample> SAMPLES = BenchmarkGenerator.generate(400, 7);
    private static final Set<String> INSTRUCTIONS = Set.of(Questions.ANSWER_NUMBER, Questions.ANSWER_YES_NO, Questions.ANSWER_LETTER);

    @Test
    void sameSeedGivesIdenticalSamplesAndPrefixesAreStable() {
        List<BenchmarkSample> again = BenchmarkGenerator.generate(400, 7);
        List<BenchmarkSample> shorter = BenchmarkGenerator.generate(25, 7);
        for (int i = 0; i < SAMPLES.size(); i++) {
            assertSame(SAMPLES.get(i), again.get(i));
        }
        for (int i = 0; i < shorter.size(); i++) {
            assertSame(SAMPLES.get(i), shorter.get(i));
        }
        List<BenchmarkSample> otherSeed = BenchmarkGenerator.generate(25, 8);
        assertThat(otherSeed.stream().map(BenchmarkSample::question).toList())
                .isNotEqualTo(shorter.stream().map(BenchmarkSample::question).toList());
    }

    @Test
    void halfPerceptionHalfReasoningWithUniqueIds() {
        assertThat(SAMPLES).filteredOn(s -> s.task().equals("perception")).hasSize(200);
        assertThat(SAMPLES).filteredOn(s -> s.task().equals("reasoning")).hasSize(200);
        assertThat(SAMPLES.stream().map(BenchmarkSample::id).distinct()).hasSize(400);
        assertThat(SAMPLES.get(0).id()).isEqualTo("rhb-7-0001");
        assertThat(SAMPLES.stream().map(BenchmarkSample::questionType).distinct())
                .containsExactlyInAnyOrder("numeric", "yes_no", "multi_choice");
        assertThat(SAMPLES.stream().filter(s -> s.task().equals("reasoning")).map(BenchmarkSample::questionType).distinct())
                .containsExactlyInAnyOrder("numeric", "multi_choice");
    }

    @Test
    void everyQuestionIsConditionsThenOneQuestionThenOneAnswerInstruction() {
        for (BenchmarkSample s : SAMPLES) {
            List<String> sentences = List.of(s.question().split("(?<=[.?])\\s+"));
            String instruction = sentences.get(sentences.size() - 1);
            String question = sentences.get(sentences.size() - 2);
            List<String> conditions = sentences.subList(0, sentences.size() - 2);

            assertThat(instruction).as(s.id()).isIn(INSTRUCTIONS);
            assertThat(question).as(s.id()).endsWith("?").doesNotContainPattern("\\d").doesNotStartWith("Answer");
            assertThat(conditions).as(s.id()).allSatisfy(c -> assertThat(c).endsWith(".").doesNotStartWith("Answer"));
            if (s.task().equals("perception")) {
                assertThat(conditions).as(s.id()).isEmpty();
            } else {
                assertThat(String.join(" ", conditions)).as(s.id()).containsPattern("\\d");
            }
            for (String choice : s.choices()) {
                assertThat(question).as(s.id()).doesNotContain("(" + choice + ")");
            }
            switch (s.questionType()) {
                case "numeric" -> {
                    assertThat(instruction).isEqualTo(Questions.ANSWER_NUMBER);
                    assertThat(s.answer()).as(s.id()).matches("\\d+");
                    assertThat(s.choices()).isEmpty();
                }
                case "yes_no" -> {
                    assertThat(instruction).isEqualTo(Questions.ANSWER_YES_NO);
                    assertThat(s.answer()).isIn("yes", "no");
                }
                case "multi_choice" -> {
                    assertThat(instruction).isEqualTo(Questions.ANSWER_LETTER);
                    assertThat(s.choices()).hasSize(4).doesNotHaveDuplicates();
                    assertThat(s.answer()).isIn("A", "B", "C", "D");
                }
                default -> throw new AssertionError("unexpected question type " + s.questionType());
            }
        }
    }

    @Test
    void imagesShowExactlyTheScene() throws IOException {
        for (BenchmarkSample s : SAMPLES.subList(0, 60)) {
            assertThat(regionsPerColour(s.png())).as(s.id()).isEqualTo(countsPerColour(s.scene()));
        }
    }

    @Test
    void perceptionAnswersMatchTheScene() {
        Pattern count = Pattern.compile("How many (?:(red|green|blue|yellow) )?(circle|square|triangle|shape)s are in the image\\?.*");
        Pattern exists = Pattern.compile("Is there a (\\w+) (\\w+) in the image\\?.*");
        Pattern colourOf = Pattern.compile("What colour is the (\\w+) in the image\\?.*");
        Pattern shapeOf = Pattern.compile("What shape is the (\\w+) object in the image\\?.*");
        int checked = 0;
        for (BenchmarkSample s : SAMPLES) {
            Scene scene = s.scene();
            Matcher m;
            if ((m = count.matcher(s.question())).matches()) {
                Colour colour = m.group(1) == null ? null : Colour.valueOf(m.group(1).toUpperCase());
                Shape shape = m.group(2).equals("shape") ? null : Shape.valueOf(m.group(2).toUpperCase());
                assertThat(s.answer()).as(s.id()).isEqualTo(String.valueOf(scene.count(colour, shape)));
            } else if ((m = exists.matcher(s.question())).matches()) {
                int n = scene.count(Colour.valueOf(m.group(1).toUpperCase()), Shape.valueOf(m.group(2).toUpperCase()));
                assertThat(s.answer()).as(s.id()).isEqualTo(n > 0 ? "yes" : "no");
            } else if ((m = colourOf.matcher(s.question())).matches()) {
                Shape shape = Shape.valueOf(m.group(1).toUpperCase());
                SceneObject only = scene.objects().stream().filter(o -> o.shape() == shape).findFirst().orElseThrow();
                assertThat(scene.count(null, shape)).isEqualTo(1);
                assertThat(choiceOf(s)).as(s.id()).isEqualTo(only.colour().word());
            } else if ((m = shapeOf.matcher(s.question())).matches()) {
                Colour colour = Colour.valueOf(m.group(1).toUpperCase());
                SceneObject only = scene.objects().stream().filter(o -> o.colour() == colour).findFirst().orElseThrow();
                assertThat(scene.count(colour, null)).isEqualTo(1);
                assertThat(choiceOf(s)).as(s.id()).isEqualTo(only.shape().word());
            } else {
                assertThat(s.task()).as(s.id() + ": " + s.question()).isEqualTo("reasoning");
                continue;
            }
            checked++;
        }
        assertThat(checked).isEqualTo(200);
    }

    @Test
    void rejectsSampleCountsOutsideTheLimits() {
        assertThatThrownBy(() -> BenchmarkGenerator.generate(0, 7)).hasMessage("samples must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> BenchmarkGenerator.generate(100_001, 7)).hasMessageContaining("got 100001");
    }

    private static String choiceOf(BenchmarkSample s) {
        return s.choices().get(s.answer().charAt(0) - 'A');
    }

    private static void assertSame(BenchmarkSample a, BenchmarkSample b) {
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.question()).isEqualTo(a.question());
        assertThat(b.choices()).isEqualTo(a.choices());
        assertThat(b.answer()).isEqualTo(a.answer());
        assertThat(b.png()).isEqualTo(a.png());
    }

    private static Map<Colour, Integer> countsPerColour(Scene scene) {
        Map<Colour, Integer> counts = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            counts.put(c, scene.count(c, null));
        }
        return counts;
    }

    /** Connected regions of each pure colour, found from the pixels alone. */
    private static Map<Colour, Integer> regionsPerColour(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(Scene.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Scene.HEIGHT);
        Map<Colour, Integer> regions = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            regions.put(c, 0);
        }
        boolean[] seen = new boolean[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0xFFFFFF || seen[y * image.getWidth() + x]) {
                    continue;
                }
                Colour colour = colourOf(rgb);
                regions.merge(colour, 1, Integer::sum);
                ArrayDeque<int[]> todo = new ArrayDeque<>();
                todo.push(new int[] {x, y});
                seen[y * image.getWidth() + x] = true;
                while (!todo.isEmpty()) {
                    int[] p = todo.pop();
                    for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                        int nx = p[0] + d[0], ny = p[1] + d[1];
                        if (nx >= 0 && ny >= 0 && nx < image.getWidth() && ny < image.getHeight()
                                && !seen[ny * image.getWidth() + nx] && (image.getRGB(nx, ny) & 0xFFFFFF) == rgb) {
                            seen[ny * image.getWidth() + nx] = true;
                            todo.push(new int[] {nx, ny});
                        }
                    }
                }
            }
        }
        return regions;
    }

    private static Colour colourOf(int rgb) {
        for (Colour c : Colour.values()) {
            if ((c.paint().getRGB() & 0xFFFFFF) == rgb) {
                return c;
            }
        }
        throw new AssertionError("pixel colour " + Integer.toHexString(rgb) + " is neither white nor a pure colour");
    }
}
