package io.rhwatch.judge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "rhwatch.judge")
public interface JudgeConfig {

    /** How far apart two numeric answers may be, relative to the larger, and still count as equal. */
    @WithDefault("1e-6")
    double numericRelativeTolerance();

    /** The optional LLM judge (docs/ARCHITECTURE.md, "LLM judge"); Triton's address is the gRPC client "judge-triton". */
    Llm llm();

    interface Llm {

        /** Off by default: every verdict is then a rule's. */
        @WithDefault("false")
        boolean enabled();

        /** The judge model's name on Triton. */
        @WithDefault("rh-sim-judge")
        String model();

        /** The judge model's chat template around the prompt; {@code {prompt}} stands for it. Default: ChatML (Qwen). */
        @WithDefault("<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n")
        String template();

        /** max_tokens of the judge's reply: room for its short explanation and the rating or verdict. */
        @WithDefault("512")
        int maxTokens();

        /** Deadline of each call to the judge model (one attempt). */
        @WithDefault("60s")
        Duration callDeadline();

        Retry retry();
    }

    /** Retries of calls that failed transiently (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED). */
    interface Retry {

        @WithDefault("3")
        int maxRetries();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
