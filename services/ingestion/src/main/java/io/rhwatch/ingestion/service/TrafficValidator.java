package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.ModelKey;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.TrafficRequest;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns what a client sends to {@code POST /v1/traffic} into {@link TrafficRecord}s, or refuses it with an
 * {@link InvalidFieldException} naming the field (inside a batch, {@code records[3].question}) and the limit. The fields
 * a traffic record shares with a sample follow {@link SampleValidator}'s rules; a request id and a model name follow the
 * rule of sample ids, as they become parts of keys and record ids.
 */
@ApplicationScoped
public class TrafficValidator {

    /** The one field of a batch. */
    public static final String RECORDS = "records";

    private final IngestionConfig config;
    private final ObjectMapper mapper;
    private final SampleValidator samples;
    private final ImageDecoder images;

    public TrafficValidator(IngestionConfig config, ObjectMapper mapper, SampleValidator samples, ImageDecoder images) {
        this.config = config;
        this.mapper = mapper;
        this.samples = samples;
        this.images = images;
    }

    /** A body is a batch when it is an object with a {@code records} field; otherwise it is one record. */
    public static boolean isBatch(JsonNode body) {
        return body != null && body.isObject() && body.has(RECORDS);
    }

    /** The records of a batch, unchecked, or an error naming what is wrong with the batch itself. */
    public List<JsonNode> batchRecords(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(RECORDS)) {
                throw new InvalidFieldException(TextRules.shown(name), "is not a field of a batch; a batch is {\"records\": [...]} "
                        + "and nothing else, a single record has no \"records\"");
            }
        }
        JsonNode records = body.get(RECORDS);
        if (!records.isArray()) {
            throw new InvalidFieldException(RECORDS, "wrong type: expected an array of traffic records");
        }
        if (records.isEmpty()) {
            throw new InvalidFieldException(RECORDS, "is empty: send 1 to " + config.maxTrafficBatch() + " records");
        }
        if (records.size() > config.maxTrafficBatch()) {
            throw new InvalidFieldException(RECORDS, records.size() + " records exceeds the limit of " + config.maxTrafficBatch()
                    + " (rhwatch.ingestion.max-traffic-batch); split the batch");
        }
        List<JsonNode> all = new ArrayList<>(records.size());
        records.forEach(all::add);
        return all;
    }

    /**
     * One record, received at {@code receivedAtMs}. {@code wholeField} names the record where no single field is at
     * fault: {@code body}, or {@code ""} for a record of a batch, whose caller puts {@code records[i]} before every field
     * ({@link InvalidFieldException#within}).
     */
    public TrafficRecord validate(JsonNode json, String wholeField, long receivedAtMs) {
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException(wholeField, "expected a JSON object with the traffic record's fields");
        }
        TrafficRequest request;
        try {
            request = mapper.treeToValue(json, TrafficRequest.class);
        } catch (JacksonException e) {
            throw JsonInputErrors.of(e, "the traffic record", wholeField);
        }
        return validate(request, receivedAtMs);
    }

    TrafficRecord validate(TrafficRequest request, long receivedAtMs) {
        String requestId = name("request_id", request.requestId());
        String model = name("model", request.model());
        String version = request.modelVersion() == null || request.modelVersion().isEmpty() ? "" : name("model_version", request.modelVersion());
        samples.checkSharedText(request.task(), request.questionType(), request.imageMediaType(), request.source(),
                request.question(), request.answer(), request.choices());
        if (!TextRules.isBlank(request.servedOutput())) {
            TextRules.check("served_output", request.servedOutput(), config.maxServedOutputChars(),
                    "rhwatch.ingestion.max-served-output-chars", true);
        }
        QuestionType questionType = SampleValidator.questionType(request.questionType());
        String question = SampleValidator.required("question", request.question()).strip();
        List<String> choices = samples.choices(questionType, request.choices());
        String task = SampleValidator.optional("task", request.task());
        TrafficRecord.Builder record = TrafficRecord.newBuilder()
                .setRequestId(requestId)
                .setTimestampMs(timestamp(request.timestampMs(), receivedAtMs))
                .setModel(model)
                .setModelVersion(ModelKey.isDefault(version) ? "" : version)
                .setQuestion(question)
                .addAllChoices(choices)
                .setTask(task.isEmpty() ? Task.TASK_UNSPECIFIED : SampleValidator.task(task))
                .setQuestionType(questionType)
                .setAnswer(SampleValidator.optional("answer", request.answer()))
                .setServedOutput(SampleValidator.optional("served_output", request.servedOutput()))
                .setSource(SampleValidator.optional("source", request.source()));
        if (request.servedReasoningTokens() != null) {
            record.setServedReasoningTokens(reasoningTokens(request.servedReasoningTokens()));
        }
        // last: the image is the costly part
        byte[] image = samples.decodeBase64Image(SampleValidator.required("image", request.image()));
        return record.setImage(images.decode(image, request.imageMediaType())).build();
    }

    /** A request id, model or version: required where given to this, in the character set and length of sample ids. */
    private String name(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        TextRules.checkId(field, value, config.maxIdChars());
        return value;
    }

    private long timestamp(Long timestampMs, long receivedAtMs) {
        if (timestampMs == null) {
            return receivedAtMs;
        }
        long latest = receivedAtMs + config.maxClockSkew().toMillis();
        if (timestampMs < 1 || timestampMs > latest) {
            throw new InvalidFieldException("timestamp_ms", timestampMs + " is outside 1 to " + latest + ": milliseconds since "
                    + "1970-01-01T00:00:00Z, at most " + config.maxClockSkew().toSeconds() + " s after the server's clock ("
                    + Instant.ofEpochMilli(receivedAtMs) + ", rhwatch.ingestion.max-clock-skew)");
        }
        return timestampMs;
    }

    private int reasoningTokens(long tokens) {
        if (tokens < 0 || tokens > config.maxServedReasoningTokens()) {
            throw new InvalidFieldException("served_reasoning_tokens", tokens + " is outside 0 to " + config.maxServedReasoningTokens()
                    + " tokens (rhwatch.ingestion.max-served-reasoning-tokens)");
        }
        return (int) tokens;
    }
}
