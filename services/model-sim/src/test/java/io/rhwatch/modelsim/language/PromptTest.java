package io.rhwatch.modelsim.language;

import io.rhwatch.modelsim.testing.Prompts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptTest {

    private final String open = Prompts.thinking("How many red circles are in the image? Answer with a number.", List.of());

    @Test
    void anOpenThinkBlockAsksForThinking() {
        Prompt prompt = Prompt.parse(open);
        assertThat(prompt.mode()).isEqualTo(Prompt.Mode.THINKING);
        assertThat(prompt.question()).isEqualTo("How many red circles are in the image? Answer with a number.");
    }

    @Test
    void aClosedThinkBlockAsksForTheAnswerAfterItsTokens() {
        Prompt prompt = Prompt.parse(Prompts.answer(open, List.of("I ", "see\n", "two  ", "red ", "circles.")));
        assertThat(prompt.mode()).isEqualTo(Prompt.Mode.ANSWER);
        assertThat(prompt.thinkingTokens()).isEqualTo(5);
        assertThat(prompt.question()).startsWith("How many red circles");

        Prompt noThinking = Prompt.parse(Prompts.answer(open, List.of()));
        assertThat(noThinking.mode()).isEqualTo(Prompt.Mode.ANSWER);
        assertThat(noThinking.thinkingTokens()).isZero();
    }

    @Test
    void choicesStayWithTheQuestion() {
        Prompt prompt = Prompt.parse(Prompts.thinking("What colour is the square in the image? Answer with the option letter.",
                List.of("red", "blue")));
        assertThat(prompt.question()).isEqualTo("What colour is the square in the image? Answer with the option letter.\n(A) red\n(B) blue");
    }

    @Test
    void withoutAnImageMarkerTheUserTurnIsTheQuestion() {
        Prompt prompt = Prompt.parse("<|im_start|>user\nIs there a blue square in the image? Answer yes or no.<|im_end|>\n<|im_start|>assistant\n");
        assertThat(prompt.mode()).isEqualTo(Prompt.Mode.ANSWER);
        assertThat(prompt.question()).isEqualTo("Is there a blue square in the image? Answer yes or no.");
        assertThat(Prompt.parse("Is there a blue square? <think>\n").question()).isEqualTo("Is there a blue square?");
    }
}
