package io.rhwatch.inference.config;

import io.rhwatch.inference.service.PromptTemplate;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "rhwatch.inference")
public interface InferenceConfig {

    Prompt prompt();

    /** max_tokens of the final-answer call; an answer that reaches it is censored. */
    @WithDefault("64")
    int answerMaxTokens();

    /** The largest thinking budget a probe may ask for (the thinking generation's max_tokens). */
    @WithDefault("16384")
    int maxBudget();

    /** Probes being worked on at once; the consumer is paused while all slots are busy. */
    @WithDefault("16")
    int maxInFlight();

    /** Deadline of each gRPC call to Triton (one generation, or one readiness check). */
    @WithDefault("120s")
    Duration callDeadline();

    Retry retry();

    interface Prompt {

        @WithDefault("You are a helpful assistant.")
        String system();

        /** Placeholders {system}, {question}, {choices}; must end with "<think>\n". */
        @WithDefault(PromptTemplate.QWEN2_5_VL)
        String template();
    }

    /** Retries of calls that failed with UNAVAILABLE, DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED. */
    interface Retry {

        /** Retries after the first attempt; 0 turns retrying off. */
        @WithDefault("3")
        int maxRetries();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("5s")
        Duration maxBackoff();

        /** Random spread of each backoff, 0 to 1, so failed calls do not come back in lockstep. */
        @WithDefault("0.5")
        double jitter();
    }
}
