package io.rhwatch.inference.config;

import io.rhwatch.inference.client.Contract;
import io.rhwatch.inference.service.PromptTemplate;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

@ConfigMapping(prefix = "rhwatch.inference")
public interface InferenceConfig {

    /** The prompt of every model that does not set its own under {@code models.<name>.prompt}. */
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

    /** The contract of every model that does not set its own under {@code models.<name>.contract}. */
    @WithDefault("vllm")
    Contract contract();

    /**
     * Generation requests in flight to Triton per model, unless the model sets its own. Size it to keep Triton's
     * dynamic batcher full: at least the sequences the model instance batches at once (vLLM's max_num_seqs), plus a
     * margin so a new request is already waiting when one finishes.
     */
    @WithDefault("32")
    int modelMaxInFlight();

    /**
     * The models this service is meant to serve, as Triton names them (env RHWATCH_INFERENCE_SERVED_MODELS, the same
     * list as the corruption service's RHWATCH_CORRUPTION_MODELS). These and the models under {@code models} are
     * checked periodically and must be ready for the service to be. A probe may name another model: it is checked on
     * demand and used if Triton serves it.
     */
    @WithDefault("rh-sim-steady,rh-sim-drifty")
    List<String> servedModels();

    /** Per-model settings by Triton model name, e.g. {@code rhwatch.inference.models."r1-onevision-7b".max-in-flight=64}. */
    Map<String, Model> models();

    Retry retry();

    CircuitBreaker circuitBreaker();

    ContractCheck contractCheck();

    /** Longest side, in pixels, of the PNG thumbnail of the image the model saw, carried on each Response. */
    @WithDefault("96")
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

        /** Put after the closed thinking, before the answer, e.g. {@code <answer>} for models that answer in tags. */
        Optional<String> answerOpen();

        /** Where the answer generation stops, e.g. {@code </answer>}; absent = the model's end of sequence. */
        Optional<String> answerClose();
    }

    /** One model's settings; anything left out comes from the service-wide setting of the same name. */
    interface Model {

        Optional<Contract> contract();

        OptionalInt maxInFlight();

        PromptOverrides prompt();
    }

    interface PromptOverrides {

        Optional<String> system();

        Optional<String> template();

        Optional<String> thinkOpen();

        Optional<String> thinkEnd();

        Optional<String> answerOpen();

        Optional<String> answerClose();
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

    /**
     * One breaker per model: it opens when at least {@code failure-ratio} of the last {@code window} calls failed
     * transiently, refuses calls for {@code open-for} (they count as transient failures, so they are retried with
     * backoff), then lets one trial call through: success closes it, failure opens it again.
     */
    interface CircuitBreaker {

        @WithDefault("20")
        int window();

        @WithDefault("0.5")
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
