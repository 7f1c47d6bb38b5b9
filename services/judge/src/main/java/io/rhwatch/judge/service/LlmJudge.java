package io.rhwatch.judge.service;

import com.google.protobuf.ByteString;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.judge.client.JudgeModelClient;
import io.rhwatch.judge.config.JudgeConfig;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The optional LLM judge (off unless {@code rhwatch.judge.llm.enabled}): a judge model on Triton decides what the
 * rules cannot decide well. Open-ended perception answers (free form) get the 0–5 hallucination rating on the
 * configured rubric (RH-Bench's by default), above 2 = not hallucinated = correct; a judge that sees images is sent the
 * sample's image with it. Multiple-choice answers and reasoning answers the rules found no answer in get the
 * correctness prompt; an answer cut by the answer-length limit is not sent, as it was never finished.
 */
@ApplicationScoped
public class LlmJudge {

    public static final String CORRECTNESS_METHOD = "llm:correctness";

    /** Which prompt a response needs. */
    enum Prompt {
        HALLUCINATION_RATING,
        CORRECTNESS
    }

    /**
     * A verdict of the judge model.
     *
     * @param extractedAnswer the answer to record: the judge's reading for correctness, the rule's for a rating
     * @param rating          the hallucination rating; empty for correctness
     */
    public record LlmDecision(Verdict verdict, String extractedAnswer, String method, OptionalInt rating, String model,
                              String reason) {
    }

    private final JudgeConfig.Llm config;
    private final JudgeModelClient client;

    LlmJudge(JudgeConfig config, JudgeModelClient client) {
        this.config = config.llm();
        this.client = client;
    }

    /** The prompt a response needs from the judge model; empty when the LLM judge is off or the rules decide. */
    Optional<Prompt> promptFor(Response response, Decision byRules) {
        if (!config.enabled() || response.getOutput().isBlank()) {
            return Optional.empty();
        }
        SampleRef sample = response.getSample();
        if (sample.getTask() == Task.TASK_PERCEPTION && sample.getQuestionType() == QuestionType.QUESTION_TYPE_FREE_FORM) {
            return Optional.of(Prompt.HALLUCINATION_RATING);
        }
        boolean askable = sample.getTask() == Task.TASK_REASONING
                || sample.getQuestionType() == QuestionType.QUESTION_TYPE_MULTI_CHOICE;
        if (askable && byRules.verdict() == Verdict.VERDICT_UNPARSEABLE && !response.getOutputTruncated()) {
            return Optional.of(Prompt.CORRECTNESS);
        }
        return Optional.empty();
    }

    /**
     * Asks the judge model; fails with the cause when the call fails for good or the reply cannot be read, and naming
     * {@code judge_image} when the judge sees images and a response to rate carries none.
     */
    Uni<LlmDecision> judge(Prompt prompt, Response response, Decision byRules) {
        String requestId = response.getResponseId() + "|judge";
        if (prompt == Prompt.CORRECTNESS) {
            String text = JudgePrompts.correctness(response.getQuestion(), response.getSample().getChoicesList(),
                    response.getSample().getGroundTruth(), response.getOutput());
            return client.reply(requestId, JudgePrompts.inTemplate(config.template(), text), Optional.empty())
                    .map(this::decided);
        }
        Optional<ByteString> image = Optional.empty();
        if (config.seesImage()) {
            if (!response.hasJudgeImage() || response.getJudgeImage().getData().isEmpty()) {
                throw new RecordRejectedException("judge_image", "absent; rhwatch.judge.llm.sees-image is on, so the "
                        + "judge model is sent the sample's image, which the inference service attaches only with "
                        + "rhwatch.inference.image-for-judge=true (and, on corrupted probes, the corruption service only with "
                        + "rhwatch.corruption.image-for-judge=true)");
            }
            image = Optional.of(response.getJudgeImage().getData());
        }
        String text = JudgePrompts.hallucinationRating(config.rubric(), config.seesImage(), response.getQuestion(),
                response.getSample().getGroundTruth(), response.getOutput());
        return client.reply(requestId, JudgePrompts.inTemplate(config.template(), text), image)
                .map(reply -> rated(reply, byRules));
    }

    private LlmDecision rated(String reply, Decision byRules) {
        JudgeReplies.Rating rating = JudgeReplies.rating(reply);
        return new LlmDecision(rating.hallucinated() ? Verdict.VERDICT_INCORRECT : Verdict.VERDICT_CORRECT,
                byRules.extractedAnswer(), ratingMethod(config.rubric()), OptionalInt.of(rating.rating()), config.model(),
                rating.reason());
    }

    /** The method of a rating, by rubric: {@code llm:rh_bench_rating} or {@code llm:mmhal_rating}. */
    private static String ratingMethod(JudgeConfig.Rubric rubric) {
        return "llm:" + rubric.name().toLowerCase(Locale.ROOT) + "_rating";
    }

    private LlmDecision decided(String reply) {
        JudgeReplies.Correctness correctness = JudgeReplies.correctness(reply);
        return new LlmDecision(correctness.verdict(), correctness.answer(), CORRECTNESS_METHOD, OptionalInt.empty(),
                config.model(), correctness.reason());
    }
}
