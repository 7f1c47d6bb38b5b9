package io.rhwatch.inference.domain;

import io.rhwatch.support.rejection.RecordRejectedException;

import java.util.List;
import java.util.Map;

/**
 * Renders the chat prompt for one probe. The template's placeholders are {@code {system}},
 * {@code {question}} and {@code {choices}}; they are substituted in one pass, so braces inside a
 * question are never read as placeholders.
 */
public final class PromptTemplate {

    /** Opens the thinking; a thinking prompt ends with it. */
    public static final String THINK_OPEN = "<think>\n";
    /** Where the thinking generation stops (the backend leaves the stop string out of the text). */
    public static final String THINK_STOP = "</think>";

    /** Asks for the answer after the closed thinking (the RH-Bench authors' budget forcing asks "So the Final Answer is:"). */
    public static final String ANSWER_CUE = "Final answer:";

    /** Qwen2.5-VL's chat format with the image before the question (docs/ARCHITECTURE.md). */
    public static final String QWEN2_5_VL = "<|im_start|>system\n{system}<|im_end|>\n"
            + "<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>{question}{choices}<|im_end|>\n"
            + "<|im_start|>assistant\n" + THINK_OPEN;

    /** Choices are lettered (A) to (Z). */
    public static final int MAX_CHOICES = 26;

    private final String template;
    private final String system;
    private final String thinkEnd;
    private final String answerCue;
    private final String answerOpen;
    private final String answerClose;

    /**
     * @param key         the configuration prefix the settings came from, for error messages
     * @param thinkOpen   opens the thinking; the template must end with it
     * @param thinkEnd    ends the thinking: the thinking generation stops at it, a cut thinking is closed with it
     * @param answerCue   put after the closed thinking to ask for the answer, before {@code answerOpen}
     * @param answerOpen  put after the closed thinking, before the answer (may be empty)
     * @param answerClose where the answer generation stops (empty: the model's end of sequence)
     */
    public PromptTemplate(String key, String template, String system, String thinkOpen, String thinkEnd,
                          String answerCue, String answerOpen, String answerClose) {
        if (!template.contains("{question}")) {
            throw new IllegalArgumentException(key + ".template must contain {question}, or the model never sees the question");
        }
        if (thinkOpen.isEmpty() || !template.endsWith(thinkOpen)) {
            throw new IllegalArgumentException(key + ".template must end with \"" + thinkOpen.replace("\n", "\\n")
                    + "\" (" + key + ".think-open): budget forcing continues the prompt with the thinking");
        }
        if (thinkEnd.isBlank()) {
            throw new IllegalArgumentException(key + ".think-end must not be blank: the thinking generation stops at it");
        }
        this.template = template;
        this.system = system;
        if (answerCue.contains(thinkOpen.strip())) {
            throw new IllegalArgumentException(key + ".answer-cue must not open a thinking (\"" + thinkOpen.strip()
                    + "\"): it asks for the answer after the thinking was closed");
        }
        this.thinkEnd = thinkEnd;
        this.answerCue = answerCue;
        this.answerOpen = answerOpen;
        this.answerClose = answerClose;
    }

    /** Where the thinking generation stops. */
    public List<String> thinkingStop() {
        return List.of(thinkEnd);
    }

    /** Where the answer generation stops: the answer's closing tag, if the model has one. */
    public List<String> answerStop() {
        return answerClose.isEmpty() ? List.of() : List.of(answerClose);
    }

    /**
     * The prompt the final answer is generated from: the thinking prompt, the kept thinking, closed, the answer cue,
     * the answer opened.
     */
    public String answerPromptFor(String thinkingPrompt, String thinking) {
        return thinkingPrompt + thinking + "\n" + thinkEnd + "\n\n" + answerCue + answerOpen;
    }

    /** The prompt the thinking is generated from; it ends with {@link #THINK_OPEN}. */
    public String thinkingPrompt(String question, List<String> choices) {
        Map<String, String> values = Map.of(
                "system", system,
                "question", question,
                "choices", renderChoices(choices));
        StringBuilder prompt = new StringBuilder(template.length() + question.length() + 64);
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                prompt.append(template, at, template.length());
                break;
            }
            String value = values.get(template.substring(open + 1, close));
            if (value == null) {
                // not one of ours (e.g. a literal brace in the template): keep it and go on after the brace
                prompt.append(template, at, open + 1);
                at = open + 1;
            } else {
                prompt.append(template, at, open).append(value);
                at = close + 1;
            }
        }
        return prompt.toString();
    }

    /** {@code "\n(A) first\n(B) second"}, or empty when there are no choices. */
    static String renderChoices(List<String> choices) {
        if (choices.size() > MAX_CHOICES) {
            throw new RecordRejectedException("choices", "has " + choices.size() + " entries; at most "
                    + MAX_CHOICES + " can be lettered (A) to (Z)");
        }
        StringBuilder rendered = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            rendered.append("\n(").append((char) ('A' + i)).append(") ").append(choices.get(i));
        }
        return rendered.toString();
    }
}
