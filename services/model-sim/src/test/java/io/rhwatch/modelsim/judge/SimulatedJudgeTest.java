package io.rhwatch.modelsim.judge;

import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.vision.Colour;
import io.rhwatch.modelsim.vision.PerceivedScene;
import io.rhwatch.modelsim.vision.PerceivedShape;
import io.rhwatch.modelsim.vision.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedJudgeTest {

    private static final SimulatedJudge JUDGE = new SimulatedJudge();

    @Test
    void ratesHowFarTheResponseStraysFromTheStandardAnswer() {
        String question = "What is the large object in the image?";
        String truth = "A red circle.";
        assertThat(rate(question, truth, "It is a red circle.")).isEqualTo(
                "Reason: The response names 'red', 'circle', as the standard answer does, and nothing else.\nRating: 5");
        assertThat(rate(question, truth, "The large object is a circle.")).isEqualTo(
                "Reason: The response names 'circle' but not 'red'; it claims nothing unsupported.\nRating: 4");
        assertThat(rate(question, truth, "I cannot tell from the image.")).startsWith("Reason: The response does not answer")
                .endsWith("Rating: 3");
        assertThat(rate(question, truth, "Two red circles next to a dog.")).isEqualTo(
                "Reason: The response names '2', 'next', 'dog', which the standard answer does not support; it agrees on 'red', 'circle'.\nRating: 2");
        assertThat(rate(question, truth, "A blue circle.")).endsWith("it agrees on 'circle'.\nRating: 1");
        assertThat(rate(question, truth, "A green triangle.")).isEqualTo("Reason: The response names 'green', 'triangle', "
                + "which the standard answer does not support; the standard answer has 'red', 'circle'.\nRating: 0");
    }

    @Test
    void ratesOnRhBenchsScaleWhenThePromptListsIt() {
        String question = "What is the large object in the image?";
        String truth = "A red circle.";
        assertThat(JudgePrompt.parse(JudgePrompts.rhBenchRating(question, truth, "x")).scale()).isEqualTo(JudgePrompt.Scale.RH_BENCH);
        assertThat(JudgePrompt.parse(JudgePrompts.rating(question, truth, "x")).scale()).isEqualTo(JudgePrompt.Scale.MMHAL);
        assertThat(rateRhBench(question, truth, "It is a red circle.")).endsWith("Rating: 5");
        assertThat(rateRhBench(question, truth, "The large object is a circle.")).as("an omission is no hallucination").endsWith("Rating: 5");
        assertThat(rateRhBench(question, truth, "I cannot tell from the image.")).endsWith("Rating: 5");
        assertThat(rateRhBench(question, truth, "Two red circles next to a dog.")).as("mild: right, with unsupported detail")
                .endsWith("Rating: 3");
        assertThat(rateRhBench(question, truth, "A blue circle.")).as("moderate").endsWith("Rating: 2");
        assertThat(rateRhBench(question, truth, "A triangle.")).as("severe").endsWith("Rating: 1");
        assertThat(rateRhBench(question, truth, "A green triangle.")).as("extreme").endsWith("Rating: 0");
    }

    @Test
    void sentTheImageItCountsWhatTheImageShowsAsSupported() {
        String prompt = JudgePrompts.rhBenchRating("What is in the image?", "A red circle.", "A red circle and a blue square.");
        SeenImage image = new SeenImage(new byte[32], new PerceivedScene(List.of(
                new PerceivedShape(Colour.RED, Shape.CIRCLE, 0.2, 0.5), new PerceivedShape(Colour.BLUE, Shape.SQUARE, 0.7, 0.5))));
        SeenImage otherImage = new SeenImage(new byte[32], new PerceivedScene(List.of(
                new PerceivedShape(Colour.RED, Shape.CIRCLE, 0.2, 0.5))));

        assertThat(JUDGE.generate(prompt, image, 256, 0, List.of()).text()).isEqualTo("Reason: The response names 'red', "
                + "'circle', as the standard answer does, and 'blue', 'square', which the image shows, and nothing else.\nRating: 5");
        assertThat(JUDGE.generate(prompt, otherImage, 256, 0, List.of()).text()).isEqualTo("Reason: The response names "
                + "'blue', 'square', which neither the image nor the standard answer supports; it agrees on 'red', 'circle'.\nRating: 3");
        assertThat(JUDGE.generate(prompt, null, 256, 0, List.of()).text()).as("without the image, the standard answer decides")
                .endsWith("which the standard answer does not support; it agrees on 'red', 'circle'.\nRating: 3");
        assertThat(JUDGE.acceptsImage()).isTrue();
    }

    @Test
    void decidesCorrectnessByTheLastNumberOrTheKeyTerms() {
        assertThat(verdict("The total is 4 + 9 = 13 points, I think; fourteen with the bonus.", "14"))
                .isEqualTo("Answer: 14\nVerdict: correct\nReason: The response's final number 14 equals the standard answer 14.");
        assertThat(verdict("So Mia gets 7 coins back", "(B) 8"))
                .isEqualTo("Answer: 7\nVerdict: incorrect\nReason: The response's final number 7 differs from the standard answer 8.");
        assertThat(verdict("I cannot determine this without the image.", "14")).startsWith("Answer: none\nVerdict: none\n");
        assertThat(verdict("It must be the green triangle", "green triangle"))
                .isEqualTo("Answer: It must be the green triangle\nVerdict: correct\nReason: The response names 'green', 'triangle', as the standard answer does.");
    }

    @Test
    void keepsToMaxTokensLikeAnyModel() {
        Generation cut = JUDGE.generate(JudgePrompts.rating("What?", "A red circle.", "A red circle."), null, 3, 0, List.of());
        assertThat(cut.tokens()).hasSize(3);
        assertThat(cut.finishReason()).isEqualTo(Generation.LENGTH);
        assertThat(JUDGE.readsImage()).isFalse();
    }

    private static String rate(String question, String truth, String response) {
        Generation generation = JUDGE.generate(JudgePrompts.rating(question, truth, response), null, 256, 0, List.of());
        assertThat(generation.finishReason()).isEqualTo(Generation.STOP);
        return generation.text();
    }

    private static String rateRhBench(String question, String truth, String response) {
        return JUDGE.generate(JudgePrompts.rhBenchRating(question, truth, response), null, 256, 0, List.of()).text();
    }

    private static String verdict(String response, String truth) {
        return JUDGE.generate(JudgePrompts.correctness("How many?", List.of(), truth, response), null, 256, 0, List.of()).text();
    }
}
