package io.rhwatch.inference.domain;

import io.rhwatch.support.rejection.RecordRejectedException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptTemplateTest {

    private final PromptTemplate qwen = template(PromptTemplate.QWEN2_5_VL, "You are a helpful assistant.");

    /** Qwen2.5-VL's thinking tags, no answer tags: the service-wide defaults. */
    private static PromptTemplate template(String template, String system) {
        return new PromptTemplate("rhwatch.inference.prompt", template, system, PromptTemplate.THINK_OPEN,
                PromptTemplate.THINK_STOP, PromptTemplate.ANSWER_CUE, "", "");
    }

    @Test
    void rendersTheQwenChatFormatWithLetteredChoices() {
        String prompt = qwen.thinkingPrompt("Which shape is red?", List.of("circle", "square"));

        assertThat(prompt).isEqualTo("""
                <|im_start|>system
                You are a helpful assistant.<|im_end|>
                <|im_start|>user
                <|vision_start|><|image_pad|><|vision_end|>Which shape is red?
                (A) circle
                (B) square<|im_end|>
                <|im_start|>assistant
                <think>
                """);
    }

    @Test
    void leavesChoicesOutWhenThereAreNone() {
        assertThat(qwen.thinkingPrompt("How many circles?", List.of()))
                .contains("<|vision_end|>How many circles?<|im_end|>\n");
    }

    @Test
    void doesNotReadPlaceholdersInsideTheQuestion() {
        PromptTemplate template = template("{system}|{question}|{unknown}|{choices}<think>\n", "S");

        assertThat(template.thinkingPrompt("is {system} a {choices}?", List.of("x")))
                .isEqualTo("S|is {system} a {choices}?|{unknown}|\n(A) x<think>\n");
    }

    @Test
    void answerPromptClosesTheKeptThinkingAndCuesTheAnswer() {
        assertThat(qwen.answerPromptFor("P<think>\n", "count the circles"))
                .isEqualTo("P<think>\ncount the circles\n</think>\n\nFinal answer:");
        assertThat(qwen.answerPromptFor("P<think>\n", ""))
                .isEqualTo("P<think>\n\n</think>\n\nFinal answer:");
        assertThat(qwen.answerStop()).isEmpty();
    }

    @Test
    void answerPromptUsesTheModelsOwnTags() {
        PromptTemplate tagged = new PromptTemplate("rhwatch.inference.models.\"m\".prompt", "{question}<reason>",
                "S", "<reason>", "</reason>", "So the final answer is:\n", "<answer>", "</answer>");

        assertThat(tagged.thinkingStop()).containsExactly("</reason>");
        assertThat(tagged.answerPromptFor("Q<reason>", "look"))
                .isEqualTo("Q<reason>look\n</reason>\n\nSo the final answer is:\n<answer>");
        assertThat(tagged.answerStop()).containsExactly("</answer>");
    }

    @Test
    void refusesMoreChoicesThanLetters() {
        List<String> choices = Collections.nCopies(27, "x");

        assertThatThrownBy(() -> qwen.thinkingPrompt("q", choices))
                .isInstanceOf(RecordRejectedException.class)
                .hasMessageContaining("choices: has 27 entries")
                .hasMessageContaining("at most 26");
    }

    @Test
    void refusesATemplateThatDoesNotOpenTheThinking() {
        assertThatThrownBy(() -> template("{question}", "S"))
                .hasMessageContaining("rhwatch.inference.prompt.template must end with");
        assertThatThrownBy(() -> template("<think>\n", "S"))
                .hasMessageContaining("must contain {question}");
    }

    @Test
    void refusesAnAnswerCueThatOpensAThinkingAgain() {
        assertThatThrownBy(() -> new PromptTemplate("rhwatch.inference.prompt", PromptTemplate.QWEN2_5_VL, "S",
                PromptTemplate.THINK_OPEN, PromptTemplate.THINK_STOP, "Answer: <think>", "", ""))
                .hasMessageContaining("rhwatch.inference.prompt.answer-cue must not open a thinking");
    }
}
