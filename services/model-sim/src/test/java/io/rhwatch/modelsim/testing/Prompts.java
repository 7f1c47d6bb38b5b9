package io.rhwatch.modelsim.testing;

import io.rhwatch.benchmark.BenchmarkSample;

import java.util.List;

/** Prompts in the Qwen2.5-VL chat template of docs/ARCHITECTURE.md, as the inference service builds them. */
public final class Prompts {

    private Prompts() {
    }

    /** The prompt that opens the thinking. */
    public static String thinking(String question, List<String> choices) {
        StringBuilder prompt = new StringBuilder("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n")
                .append("<|vision_start|><|image_pad|><|vision_end|>").append(question);
        for (int i = 0; i < choices.size(); i++) {
            prompt.append("\n(").append((char) ('A' + i)).append(") ").append(choices.get(i));
        }
        return prompt.append("<|im_end|>\n<|im_start|>assistant\n<think>\n").toString();
    }

    public static String thinking(BenchmarkSample sample) {
        return thinking(sample.question(), sample.choices());
    }

    /** Budget forcing: the thinking cut to its first tokens, closed, asking for the final answer. */
    public static String answer(String thinkingPrompt, List<String> thinkingTokens) {
        return thinkingPrompt + String.join("", thinkingTokens) + "\n</think>\n\n";
    }
}
