package io.rhwatch.aggregator.rest;

import com.google.protobuf.ByteString;
import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;

import java.util.Base64;
import java.util.List;

/**
 * One judged example of GET /v1/models/{model}/examples: what the model saw and said (the end of its
 * reasoning: the judge keeps the last {@code rhwatch.judge.examples.reasoning-tail-chars} characters),
 * and how the verdict was reached, so any point on a curve can be audited. The LLM judge's fields are
 * null for rule verdicts.
 */
public record ExampleView(String judgmentId, String sampleId, int budget, String task, String corruption,
                          String question, List<String> choices, int reasoningTokens, String reasoningTail, String output,
                          String extractedAnswer, String groundTruth, String verdict, String method,
                          boolean censored, long judgedAtMs, String thumbnail,
                          Integer hallucinationRating, String judgeModel, String judgeReason) {

    public static ExampleView of(Judgment j) {
        SampleRef sample = j.getSample();
        return new ExampleView(j.getJudgmentId(), sample.getSampleId(), j.getBudget(), Labels.of(sample.getTask()),
                Labels.of(j.getCorruption()), j.getQuestion(), sample.getChoicesList(), j.getReasoningTokens(), j.getReasoningTail(),
                j.getOutput(), j.getExtractedAnswer(), sample.getGroundTruth(), Labels.of(j.getVerdict()), j.getMethod(),
                j.getCensored(), j.getJudgedAtMs(),
                thumbnail(j.getExample().getThumbnail()),
                j.hasHallucinationRating() ? j.getHallucinationRating() : null,
                j.getJudgeModel().isEmpty() ? null : j.getJudgeModel(),
                j.getJudgeReason().isEmpty() ? null : j.getJudgeReason());
    }

    private static String thumbnail(ByteString png) {
        return png.isEmpty() ? null : "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
