package io.rhwatch.modelsim.judge;

import io.rhwatch.modelsim.service.Generation;
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

    private static String verdict(String response, String truth) {
        return JUDGE.generate(JudgePrompts.correctness("How many?", List.of(), truth, response), null, 256, 0, List.of()).text();
    }
}
