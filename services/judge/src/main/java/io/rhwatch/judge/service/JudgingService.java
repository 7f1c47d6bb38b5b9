package io.rhwatch.judge.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.Labels;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.judge.config.JudgeConfig;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a model's response into a judgment: the rule-based verdict plus what identifies the response. */
@ApplicationScoped
public class JudgingService {

    private final AnswerJudge judge;
    private final MeterRegistry registry;

    JudgingService(JudgeConfig config, MeterRegistry registry) {
        this.judge = new AnswerJudge(config.numericRelativeTolerance());
        this.registry = registry;
    }

    /**
     * @throws IllegalArgumentException naming the field when the response cannot be judged
     *                                  (no id, no model, or no ground truth)
     */
    public Judgment judge(Response response) {
        require(response.getResponseId(), "response_id: empty; the judgment takes its id from it");
        require(response.getModel(), "model: empty; judgments are keyed and counted by model");
        require(response.getAnswer(), "answer: no ground truth to judge against");

        Decision decision = judge.judge(response.getQuestionType(), response.getOutput(), response.getAnswer(),
                response.getChoicesList());
        registry.counter("rhwatch.judge.judgments",
                "model", response.getModel(), "verdict", Labels.of(decision.verdict())).increment();
        return Judgment.newBuilder()
                .setJudgmentId(response.getResponseId())
                .setProbeId(response.getProbeId())
                .setSampleId(response.getSampleId())
                .setModel(response.getModel())
                .setCorruption(response.getCorruption())
                .setTask(response.getTask())
                .setQuestionType(response.getQuestionType())
                .setBudget(response.getBudget())
                .setVerdict(decision.verdict())
                .setExtractedAnswer(decision.extractedAnswer())
                .setGroundTruth(response.getAnswer())
                .setMethod(decision.method())
                .setCensored(response.getOutputTruncated())
                .setOutput(response.getOutput())
                .setJudgedAtMs(System.currentTimeMillis())
                .build();
    }

    private static void require(String value, String problem) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
    }
}
