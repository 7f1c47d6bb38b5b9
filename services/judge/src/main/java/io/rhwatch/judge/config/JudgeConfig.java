package io.rhwatch.judge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * The judge's configuration, all under {@code rhwatch.judge}: the rules' numeric tolerance and the optional LLM judge.
 * The single source of every default; docs/ARCHITECTURE.md ("LLM judge") describes them by property name. Out-of-range
 * values stop the service at start, naming the property. Triton's address is Quarkus's own gRPC client configuration,
 * {@code quarkus.grpc.clients.judge-triton.*}.
 */
@ConfigMapping(prefix = "rhwatch.judge")
public interface JudgeConfig {

    /** How far apart two numeric answers may be, relative to the larger, and still count as equal. */
    @WithDefault("1e-6")
    @DecimalMin("0")
    double numericRelativeTolerance();

    /** How much of a response's audit trail its judgment carries (issue 14, bytes on the wire). */
    Examples examples();

    interface Examples {

        /**
         * One sample in this many is an example: its judgments carry the thumbnail and are the ones the aggregator
         * keeps as its newest examples. Chosen by a hash of the sample id, so a sample is an example at every level
         * and corruption or at none. 1: every sample.
         */
        @WithDefault("10")
        @Min(1)
        int everyNthSample();

        /** The last this many characters of the reasoning are kept on every judgment (the whole on rh.responses). */
        @WithDefault("1000")
        @Min(0)
        int reasoningTailChars();
    }

    /** The optional LLM judge (docs/ARCHITECTURE.md, "LLM judge"); Triton's address is the gRPC client "judge-triton". */
    Llm llm();

    interface Llm {

        /** Off by default: every verdict is then a rule's. */
        @WithDefault("false")
        boolean enabled();

        /** The judge model's name on Triton. */
        @WithDefault("rh-sim-judge")
        String model();

        /**
         * The scale of the hallucination rating: {@code rh-bench} (default), RH-Bench's own (5 no, 4 minimal, 3 mild,
         * 2 moderate, 1 severe, 0 extreme hallucination), so that P(L) means what it means in the paper; or
         * {@code mmhal}, MMHal-Bench's kind (5–3 no hallucination, from fully informative to not informative; 2 slight,
         * 1 clear, 0 extreme). Either way a rating above 2 is not hallucinated.
         */
        @WithDefault("rh-bench")
        Rubric rubric();

        /**
         * Whether the judge model is a vision-language model that is sent the sample's image with the rating prompt
         * (Triton vLLM backend input {@code image}). Needs the inference service to carry the image on the responses
         * that are rated ({@code rhwatch.inference.image-for-judge=true}) and, for corrupted probes, the corruption
         * service to keep the sample's own ({@code rhwatch.corruption.image-for-judge=true}); a response to rate
         * without it is dead-lettered.
         */
        @WithDefault("false")
        boolean seesImage();

        /** The judge model's chat template around the prompt; {@code {prompt}} stands for it. Default: ChatML (Qwen). */
        @WithDefault("<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n")
        @Pattern(regexp = "(?s).*\\{prompt}.*", message = "must contain \\{prompt\\}")
        String template();

        /** max_tokens of the judge's reply: room for its short explanation and the rating or verdict. */
        @WithDefault("512")
        @Positive
        int maxTokens();

        /** Deadline of each call to the judge model (one attempt). */
        @WithDefault("60s")
        Duration callDeadline();

        Retry retry();
    }

    /** Scales of the hallucination rating; both count a rating above 2 as not hallucinated. */
    enum Rubric {
        /** RH-Bench's (arXiv 2505.21523, evaluation_rhbench_perception.py): 5 none … 0 extreme hallucination. */
        RH_BENCH,
        /** MMHal-Bench's kind: 5–3 without hallucination by informativeness, 2–0 by how much is hallucinated. */
        MMHAL
    }

    /**
     * Retries of calls that failed with UNAVAILABLE or RESOURCE_EXHAUSTED, with exponential backoff; a reply that
     * outran its deadline is not asked again (it would only do so again).
     */
    interface Retry {

        @WithDefault("3")
        @Min(0)
        int maxRetries();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
