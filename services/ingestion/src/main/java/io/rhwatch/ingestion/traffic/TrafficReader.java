package io.rhwatch.ingestion.traffic;

import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.ingestion.service.TextRules;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficRecord;
import io.rhwatch.support.rejection.RecordRejectedException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads records of rh.traffic as a producer wrote them (decoded by the channel's TrafficRecordDeserializer), with the limits of samples (IngestionConfig), and refuses what
 * cannot be routed with a reason that names the field. The image is checked only where it is used, when a record is
 * sampled for active probing ({@link TrafficRouter}): passive monitoring never reads it.
 */
@ApplicationScoped
public class TrafficReader {

    private final IngestionConfig limits;

    public TrafficReader(IngestionConfig limits) {
        this.limits = limits;
    }

    /** Checks a record of rh.traffic (null for a record without a value); whatever is wrong is named in the exception. */
    public TrafficRecord read(TrafficRecord record) {
        RecordRejectedException.requireValue(record, TrafficRecord.class);
        TextRules.checkId("request_id", record.getRequestId(), limits.maxIdChars());
        if (TextRules.isBlank(record.getModel())) {
            throw new InvalidFieldException("model", "is empty: traffic names the model that served it");
        }
        TextRules.check("model", record.getModel(), limits.maxIdChars(), "rhwatch.ingestion.max-id-chars", false);
        if (record.getModel().indexOf(RecordIds.SEPARATOR) >= 0) {
            throw new InvalidFieldException("model", "contains '|', which separates the parts of probe ids");
        }
        TextRules.check("model_version", record.getModelVersion(), limits.maxIdChars(), "rhwatch.ingestion.max-id-chars", false);
        if (TextRules.isBlank(record.getQuestion())) {
            throw new InvalidFieldException("question", "is empty");
        }
        TextRules.check("question", record.getQuestion(), limits.maxQuestionChars(), "rhwatch.ingestion.max-question-chars", true);
        TextRules.check("answer", record.getAnswer(), limits.maxAnswerChars(), "rhwatch.ingestion.max-answer-chars", true);
        TextRules.check("served_output", record.getServedOutput(), limits.maxServedOutputChars(), "rhwatch.ingestion.max-served-output-chars", true);
        TextRules.check("source", record.getSource(), limits.maxSourceChars(), "rhwatch.ingestion.max-source-chars", false);
        if (record.getChoicesCount() > limits.maxChoices()) {
            throw new InvalidFieldException("choices", record.getChoicesCount() + " choices exceeds the limit of "
                    + limits.maxChoices() + " (rhwatch.ingestion.max-choices)");
        }
        for (int i = 0; i < record.getChoicesCount(); i++) {
            TextRules.check("choices[" + i + "]", record.getChoices(i), limits.maxChoiceChars(), "rhwatch.ingestion.max-choice-chars", true);
        }
        if (record.getQuestionType() == QuestionType.QUESTION_TYPE_MULTI_CHOICE && record.getChoicesCount() < 2) {
            throw new InvalidFieldException("choices", "a multi_choice question needs at least 2 choices (at most "
                    + limits.maxChoices() + ", rhwatch.ingestion.max-choices)");
        }
        if (record.hasServedReasoningTokens() && record.getServedReasoningTokens() < 0) {
            throw new InvalidFieldException("served_reasoning_tokens", record.getServedReasoningTokens()
                    + " is negative; it counts the model's reasoning tokens");
        }
        if (record.getTask() == Task.UNRECOGNIZED) {
            throw new InvalidFieldException("task", "value " + record.getTaskValue() + " is not a rhwatch.v1.Task");
        }
        if (record.getQuestionType() == QuestionType.UNRECOGNIZED) {
            throw new InvalidFieldException("question_type", "value " + record.getQuestionTypeValue() + " is not a rhwatch.v1.QuestionType");
        }
        return record;
    }
}
