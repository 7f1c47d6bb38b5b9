package io.rhwatch.inference.config;

import io.rhwatch.core.ModelKey;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.inference.domain.PromptTemplate;
import io.rhwatch.triton.Contract;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The inference service's configuration, all under {@code rhwatch.inference}: budget forcing, the calls to Triton and
 * the models it serves. The single source of every default; docs/TRITON.md describes them by property name. Out-of-range
 * values stop the service at start, naming the property.
 */
@ConfigMapping(prefix = "rhwatch.inference")
public interface InferenceConfig {

    /** The prompt of every model that does not set its own under {@code models.<name>.prompt}. */
    Prompt prompt();

    /**
     * max_tokens of the final-answer call; an answer that reaches it is censored. Real reasoning models often go on
     * reasoning after a forced close of their thinking before they answer, so the default leaves them room: 1024, as
     * the RH-Bench authors' budget forcing ({@code final_answer_tokens=1024}). At most {@value #MAX_ANSWER_TOKENS}.
     */
    @WithDefault("1024")
    @Min(1)
    @Max(MAX_ANSWER_TOKENS)
    int answerMaxTokens();

    /** The largest answer-max-tokens accepted: an answer that needs more is no longer an answer step. */
    int MAX_ANSWER_TOKENS = 16384;

    /**
     * Whether open-ended perception responses carry the sample's own image ({@code judge_image}) for an LLM judge that
     * sees images ({@code rhwatch.judge.llm.sees-image}). Off by default: it adds the image's bytes to each such
     * response, once per budget level.
     */
    @WithDefault("false")
    boolean imageForJudge();

    /** The largest thinking budget a probe may ask for (the thinking generation's max_tokens). */
    @WithDefault(MeshPlan.MAX_BUDGET_SETTING)
    @Positive
    int maxBudget();

    /** Probes being worked on at once; the consumer is paused while all slots are busy. */
    @WithDefault("16")
    @Positive
    int maxInFlight();

    /** Deadline of each gRPC call to Triton (one generation, or one readiness check). */
    @WithDefault("120s")
    Duration callDeadline();

    /** The contract of every model that does not set its own under {@code models.<name>.contract}. */
    @WithDefault("vllm")
    Contract contract();

    /**
     * Generation requests in flight to Triton per model, unless the model sets its own. Size it to keep Triton's
     * dynamic batcher full: at least the sequences the model instance batches at once (vLLM's max_num_seqs), plus a
     * margin so a new request is already waiting when one finishes.
     */
    @WithDefault("32")
    @Positive
    int modelMaxInFlight();

    /**
     * The models this service is meant to serve, as Triton names them (env RHWATCH_INFERENCE_SERVED_MODELS, the same
     * list as the corruption service's RHWATCH_CORRUPTION_MODELS). These and the models under {@code models} are
     * checked periodically and must be ready for the service to be. A probe may name another model: it is checked on
     * demand and used if Triton serves it.
     */
    @WithDefault(MeshPlan.MODELS_SETTING)
    List<String> servedModels();

    /** Per-model settings by Triton model name, e.g. {@code rhwatch.inference.models."r1-onevision-7b".max-in-flight=64}. */
    Map<String, Model> models();

    Retry retry();

    CircuitBreaker circuitBreaker();

    ContractCheck contractCheck();

    /** Longest side, in pixels, of the PNG thumbnail of the image the model saw, carried on each Response. */
    @WithDefault("96")
    @Positive
    int thumbnailSize();

    interface Prompt {

        @WithDefault("You are a helpful assistant.")
        String system();

        /** Placeholders {system}, {question}, {choices}; must end with the thinking's opening tag ({@code think-open}). */
        @WithDefault(PromptTemplate.QWEN2_5_VL)
        String template();

        /** Opens the thinking; the template ends with it. */
        @WithDefault(PromptTemplate.THINK_OPEN)
        String thinkOpen();

        /** Ends the thinking: the thinking generation stops at it, and a cut thinking is closed with it. */
        @WithDefault(PromptTemplate.THINK_STOP)
        String thinkEnd();

        /**
         * Put after the closed thinking to ask for the answer, before {@code answer-open}: a forced close does not stop
         * a reasoning model from reasoning on, a cue to answer does (the RH-Bench authors' "So the Final Answer is:").
         */
        @WithDefault(PromptTemplate.ANSWER_CUE)
        String answerCue();

        /** Put after the closed thinking, before the answer, e.g. {@code <answer>} for models that answer in tags. */
        Optional<String> answerOpen();

        /** Where the answer generation stops, e.g. {@code </answer>}; absent = the model's end of sequence. */
        Optional<String> answerClose();
    }

    /** One model's settings; anything left out comes from the service-wide setting of the same name. */
    interface Model {

        Optional<Contract> contract();

        /**
         * The version of the model Triton serves under this name, put on every response that does not carry one from
         * its probe: curves and comparisons are per name@version (docs/ARCHITECTURE.md, "Versions"). Absent: "default".
         */
        @WithDefault(ModelKey.DEFAULT_VERSION)
        @Pattern(regexp = "[^@\\s]([^@]*[^@\\s])?", message = "must be non-empty, without '@' or surrounding whitespace")
        String version();

        @Positive
        OptionalInt maxInFlight();

        PromptOverrides prompt();
    }

    interface PromptOverrides {

        Optional<String> system();

        Optional<String> template();

        Optional<String> thinkOpen();

        Optional<String> thinkEnd();

        Optional<String> answerCue();

        Optional<String> answerOpen();

        Optional<String> answerClose();
    }

    /**
     * Retries of calls that failed with UNAVAILABLE or RESOURCE_EXHAUSTED (checks also on DEADLINE_EXCEEDED; a generation
     * that outran its deadline is not retried), with exponential backoff.
     */
    interface Retry {

        /** Retries after the first attempt; 0 turns retrying off. */
        @WithDefault("3")
        @Min(0)
        int maxRetries();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();

        /** Each backoff varies at random by up to this much, so failed calls do not come back in lockstep. */
        @WithDefault("100ms")
        Duration jitter();
    }

    /**
     * One breaker per model: it opens when at least {@code failure-ratio} of the last {@code window} calls failed
     * transiently, refuses calls for {@code open-for} (they count as transient failures, so they are retried with
     * backoff), then lets one trial call through: success closes it, failure opens it again.
     */
    interface CircuitBreaker {

        @WithDefault("20")
        @Positive
        int window();

        @WithDefault("0.5")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double failureRatio();

        @WithDefault("10s")
        Duration openFor();
    }

    /** ServerLive/ServerReady, ModelReady and ModelMetadata of every known model, at start and then periodically. */
    interface ContractCheck {

        /** Between checks while everything is ready. */
        @WithDefault("30s")
        Duration interval();

        /** Between checks while Triton or a model is not ready yet, so readiness follows quickly. */
        @WithDefault("2s")
        Duration retryInterval();
    }
}
