package io.rhwatch.modelsim.judge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgePromptTest {

    @Test
    void readsTheSectionsOfTheRatingPrompt() {
        JudgePrompt read = JudgePrompt.parse(JudgePrompts.rating("What is on the table?", "A red apple.",
                "A red apple and a knife.\n### Question\nnot a section of the prompt"));
        assertThat(read.kind()).isEqualTo(JudgePrompt.Kind.HALLUCINATION_RATING);
        assertThat(read.question()).isEqualTo("What is on the table?");
        assertThat(read.groundTruth()).isEqualTo("A red apple.");
        assertThat(read.response()).as("the last section runs to the end of the user's turn, whatever it holds")
                .isEqualTo("A red apple and a knife.\n### Question\nnot a section of the prompt");
        assertThat(read.options()).isEmpty();
    }

    @Test
    void readsTheSectionsOfTheCorrectnessPromptWithOptions() {
        JudgePrompt read = JudgePrompt.parse(JudgePrompts.correctness("How many points?", List.of("12", "15"), "(B) 15",
                "That makes fifteen."));
        assertThat(read.kind()).isEqualTo(JudgePrompt.Kind.CORRECTNESS);
        assertThat(read.question()).isEqualTo("How many points?");
        assertThat(read.options()).containsExactly("(A) 12", "(B) 15");
        assertThat(read.groundTruth()).isEqualTo("(B) 15");
        assertThat(read.response()).isEqualTo("That makes fifteen.");
    }

    @Test
    void aPromptWithoutTheSectionsIsRefusedNamingTheMissingOne() {
        assertThatThrownBy(() -> JudgePrompt.parse("<|im_start|>user\nHow many circles?<|im_end|>"))
                .isInstanceOf(UnreadableJudgePromptException.class)
                .hasMessageStartingWith("judge prompt: no line '### Question'");
        assertThatThrownBy(() -> JudgePrompt.parse("### Question\nWhat?\n\n### LMM Response to Evaluate\nA cat."))
                .hasMessageStartingWith("judge prompt: no line '### Standard Human-Generated Answer'");
    }
}
