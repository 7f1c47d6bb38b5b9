package io.rhwatch.judge.service;

import io.rhwatch.core.SampleRefs;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.judge.config.JudgeConfig;
import io.rhwatch.judge.service.LlmJudge.LlmDecision;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a model's response into a judgment: the rule-based verdict, or the LLM judge's where it is on and the response
 * needs it ({@link LlmJudge}), plus what identifies the response. A response without a ground truth (production
 * traffic) is not judged but read: a {@code VERDICT_UNLABELLED} judgment with the answer the rules extract
 * ({@link AnswerJudge#read}), which the aggregator's label-free signals compare (docs/LABEL_FREE.md).
 */
@ApplicationScoped
public class JudgingService {

    private final AnswerJudge judge;
    private final LlmJudge llm;
    private final ExamplePicker examples;

    JudgingService(JudgeConfig config, LlmJudge llm, ExamplePicker examples) {
        this.judge = new AnswerJudge(config.numericRelativeTolerance());
        this.llm = llm;
        this.examples = examples;
    }

    /**
     * Fails with a RecordRejectedException naming the field when the response cannot be judged (no id, no model, no
     * sample reference, or a judge reply without a rating or verdict), and with the cause when the judge model cannot
     * be called.
     */
    public Uni<Judgment> judge(Response response) {
        require(response.getResponseId(), "response_id", "empty; the judgment takes its id from it");
        require(response.getModel(), "model", "empty; judgments are keyed and counted by model");
        if (!response.hasSample()) {
            throw new RecordRejectedException("sample", SampleRefs.MISSING);
        }
        SampleRef sample = response.getSample();
        if (sample.getGroundTruth().isBlank()) {
            // No truth to judge against, and the LLM judge's questions all need one: read the answer only.
            Decision read = judge.read(sample.getQuestionType(), response.getQuestion(), response.getOutput(),
                    sample.getChoicesList());
            return Uni.createFrom().item(examples.addTo(byRules(response, read), response).build());
        }

        Decision byRules = judge.judge(sample.getQuestionType(), response.getQuestion(), response.getOutput(),
                sample.getGroundTruth(), sample.getChoicesList());
        Judgment.Builder judgment = examples.addTo(byRules(response, byRules), response);
        return llm.promptFor(response, byRules)
                .map(prompt -> llm.judge(prompt, response, byRules).map(verdict -> byLlm(judgment, verdict)))
                .orElseGet(() -> Uni.createFrom().item(judgment::build));
    }

    private static Judgment.Builder byRules(Response response, Decision decision) {
        return Judgment.newBuilder()
                .setJudgmentId(response.getResponseId())
                .setProbeId(response.getProbeId())
                .setSample(response.getSample())
                .setModel(response.getModel())
                .setModelVersion(response.getModelVersion())
                .setCorruption(response.getCorruption())
                .setBudget(response.getBudget())
                .setVerdict(decision.verdict())
                .setExtractedAnswer(decision.extractedAnswer())
                .setMethod(decision.method())
                .setCensored(response.getOutputTruncated())
                .setOutput(response.getOutput())
                // what the model was asked, so any point on a curve can be audited (its thinking: ExamplePicker)
                .setQuestion(response.getQuestion())
                .setTrafficMode(response.getTrafficMode())
                .setReasoningTokens(response.getReasoningTokens())
                .setJudgedAtMs(System.currentTimeMillis());
    }

    private static Judgment byLlm(Judgment.Builder judgment, LlmDecision decision) {
        judgment.setVerdict(decision.verdict())
                .setExtractedAnswer(decision.extractedAnswer())
                .setMethod(decision.method())
                .setJudgeModel(decision.model())
                .setJudgeReason(decision.reason())
                .setJudgedAtMs(System.currentTimeMillis());
        decision.rating().ifPresent(judgment::setHallucinationRating);
        return judgment.build();
    }

    private static void require(String value, String field, String problem) {
        if (value.isBlank()) {
            throw new RecordRejectedException(field, problem);
        }
    }
}
