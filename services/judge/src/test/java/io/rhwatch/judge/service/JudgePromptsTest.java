package io.rhwatch.judge.service;

import io.rhwatch.judge.config.JudgeConfig.Rubric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JudgePromptsTest {

    @Test
    void theRatingPromptEndsWithTheQuestionTheStandardAnswerAndTheResponse() {
        String prompt = JudgePrompts.hallucinationRating(Rubric.RH_BENCH, false, " What is on the table? ", "A red apple.",
                "A red apple and a {question}.\n");
        assertThat(prompt).startsWith("Please act as an impartial and objective judge and evaluate the response of a large "
                + "multimodal model (LMM) to a question about an image.");
        assertThat(prompt).contains("Reply in exactly this form, with no other text:\nReason: <one sentence>\nRating: <0 to 5>\n");
        assertThat(prompt).endsWith("""
                ### Question
                What is on the table?

                ### Standard Human-Generated Answer
                A red apple.

                ### LMM Response to Evaluate
                A red apple and a {question}.""");
        assertThat(prompt).doesNotContain("{ground_truth}").doesNotContain("{response}").doesNotContain("{scale}")
                .doesNotContain("{evidence}").doesNotContain("{authority}");
    }

    @Test
    void theRubricSetsTheScaleRhBenchsByDefault() {
        String rhBench = JudgePrompts.hallucinationRating(Rubric.RH_BENCH, false, "Q?", "A", "B");
        assertThat(rhBench).contains("Rate the response on this scale:\n- Rating: 5, no hallucination: everything the "
                        + "response claims is consistent with the image\n- Rating: 4, minimal hallucination:")
                .contains("- Rating: 3, mild hallucination:").contains("- Rating: 2, moderate hallucination:")
                .contains("- Rating: 1, severe hallucination:").contains("- Rating: 0, extreme hallucination:");
        String mmhal = JudgePrompts.hallucinationRating(Rubric.MMHAL, false, "Q?", "A", "B");
        assertThat(mmhal).contains("- Rating: 5, no hallucination, answers the question fully\n")
                .contains("- Rating: 3, no hallucination, but not informative (for example a refusal)\n")
                .contains("- Rating: 0, extreme hallucination: the response is mostly or entirely unsupported\n")
                .doesNotContain("minimal hallucination");
    }

    @Test
    void aJudgeThatSeesTheImageIsToldSo() {
        assertThat(JudgePrompts.hallucinationRating(Rubric.RH_BENCH, false, "Q?", "A", "B"))
                .contains("You do not see the image; the standard human-generated answer tells you what it holds.")
                .contains("states what the standard answer contradicts or does not support is.");
        assertThat(JudgePrompts.hallucinationRating(Rubric.RH_BENCH, true, "Q?", "A", "B"))
                .contains("You are given the image; the standard human-generated answer tells you what matters in it.")
                .contains("states what the image contradicts or does not support is.")
                .doesNotContain("You do not see the image");
    }

    @Test
    void theCorrectnessPromptShowsTheOptionsAndTheLetterWithItsOption() {
        String prompt = JudgePrompts.correctness("How many points in total?", List.of("12", "14", "16"), "B",
                "Fourteen points, which is the second option.");
        assertThat(prompt).startsWith("Please act as an impartial judge and decide whether a model's response");
        assertThat(prompt).contains("Answer: <the final answer the response gives, or none>\nVerdict: <correct, incorrect or none>\n");
        assertThat(prompt).endsWith("""
                ### Question
                How many points in total?

                ### Options
                (A) 12
                (B) 14
                (C) 16

                ### Standard Answer
                (B) 14

                ### Response to Evaluate
                Fourteen points, which is the second option.""");
    }

    @Test
    void withoutOptionsOrQuestionTheSectionsStayInPlace() {
        String prompt = JudgePrompts.correctness("", List.of(), "14", "About fourteen.");
        assertThat(prompt).endsWith("### Question\n(none)\n\n### Standard Answer\n14\n\n### Response to Evaluate\nAbout fourteen.");
        assertThat(JudgePrompts.standardAnswer("(c)", List.of("x", "y", "z"))).isEqualTo("(C) z");
        assertThat(JudgePrompts.standardAnswer("D", List.of("x", "y"))).as("no such option: as given").isEqualTo("D");
        assertThat(JudgePrompts.standardAnswer("A red apple", List.of())).isEqualTo("A red apple");
    }

    @Test
    void theTemplateWrapsThePrompt() {
        assertThat(JudgePrompts.inTemplate("<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n", "Rate {response}"))
                .isEqualTo("<|im_start|>user\nRate {response}<|im_end|>\n<|im_start|>assistant\n");
    }
}
