package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.Labels;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.SampleRequest;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns a client's sample into a {@link Sample}, or refuses it with an {@link InvalidFieldException} naming
 * the field and the limit. The single gate for both {@code POST /v1/samples} and dataset imports; the rules of the
 * fields a traffic record shares with a sample are here too, and {@link TrafficValidator} applies them.
 */
@ApplicationScoped
public class SampleValidator {

    private static final String DATA_URL_PREFIX = "data:";

    private final IngestionConfig config;
    private final ObjectMapper mapper;
    private final ImageDecoder images;

    public SampleValidator(IngestionConfig config, ObjectMapper mapper, ImageDecoder images) {
        this.config = config;
        this.mapper = mapper;
        this.images = images;
    }

    /** Reads a JSON object into a request; an unknown field or a value of the wrong type is refused naming its field. */
    public SampleRequest read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException("body", "expected a JSON object with the sample's fields");
        }
        try {
            return mapper.treeToValue(json, SampleRequest.class);
        } catch (JacksonException e) {
            throw JsonInputErrors.of(e, "the sample", "body");
        }
    }

    /** Validates a request whose {@code image} is base64 (optionally a {@code data:} URL). */
    public Sample validate(SampleRequest request) {
        checkText(request);
        return build(request, decodeBase64Image(request.image()));
    }

    /** Validates a request whose image bytes were obtained elsewhere (a dataset's image file). */
    public Sample validate(SampleRequest request, byte[] imageBytes) {
        checkText(request);
        return build(request, imageBytes);
    }

    private Sample build(SampleRequest request, byte[] imageBytes) {
        Task task = task(required("task", request.task()));
        QuestionType questionType = questionType(request.questionType());
        String question = required("question", request.question()).strip();
        List<String> choices = choices(questionType, request.choices());
        String id = request.id() == null ? derivedId(question, imageBytes) : request.id();
        var image = images.decode(imageBytes, request.imageMediaType());

        return Sample.newBuilder()
                .setSampleId(id)
                .setSource(optional("source", request.source()))
                .setTask(task)
                .setQuestionType(questionType)
                .setQuestion(question)
                .addAllChoices(choices)
                .setAnswer(optional("answer", request.answer()))
                .setImage(image)
                .setIngestedAtMs(System.currentTimeMillis())
                .setEpoch(epoch(request.epoch()))
                .build();
    }

    /**
     * Every text field against its limit and the character rules, before any is used. Blank text is left to
     * {@link #required} and {@link #optional}, which say it is blank: a clearer word for "\0\0" than "a control character".
     */
    private void checkText(SampleRequest request) {
        if (request.id() != null) {
            TextRules.checkId("id", request.id(), config.maxIdChars());
        }
        checkSharedText(request.task(), request.questionType(), request.imageMediaType(), request.source(), request.question(),
                request.answer(), request.choices());
    }

    /** The text of the fields a sample and a traffic record share, against their limits and the character rules. */
    void checkSharedText(String task, String questionType, String imageMediaType, String source, String question, String answer,
                         List<String> choices) {
        checkLine("task", task, 64);
        checkLine("question_type", questionType, 64);
        checkLine("image_media_type", imageMediaType, 64);
        if (!TextRules.isBlank(source)) {
            TextRules.check("source", source, config.maxSourceChars(), "rhwatch.ingestion.max-source-chars", false);
        }
        if (!TextRules.isBlank(question)) {
            TextRules.check("question", question, config.maxQuestionChars(), "rhwatch.ingestion.max-question-chars", true);
        }
        if (!TextRules.isBlank(answer)) {
            TextRules.check("answer", answer, config.maxAnswerChars(), "rhwatch.ingestion.max-answer-chars", true);
        }
        if (choices != null) {
            if (choices.size() > config.maxChoices()) {
                throw new InvalidFieldException("choices", choices.size() + " choices exceeds the limit of "
                        + config.maxChoices() + " (rhwatch.ingestion.max-choices)");
            }
            for (int i = 0; i < choices.size(); i++) {
                String choice = choices.get(i);
                if (!TextRules.isBlank(choice)) {
                    TextRules.check("choices[" + i + "]", choice, config.maxChoiceChars(), "rhwatch.ingestion.max-choice-chars", true);
                }
            }
        }
    }

    static Task task(String label) {
        return Labels.task(label)
                .orElseThrow(() -> new InvalidFieldException("task", "is not a task; use one of " + Labels.accepted(Task.values())));
    }

    static QuestionType questionType(String label) {
        return Labels.questionType(required("question_type", label))
                .orElseThrow(() -> new InvalidFieldException("question_type",
                        "is not a question type; use one of " + Labels.accepted(QuestionType.values())));
    }

    /** A one-word field (a label): its own fixed limit, as only the documented labels are accepted anyway. */
    private static void checkLine(String field, String value, int maxChars) {
        if (!TextRules.isBlank(value)) {
            TextRules.check(field, value, maxChars, "the length of a label", false);
        }
    }

    byte[] decodeBase64Image(String encoded) {
        String base64 = required("image", encoded).strip();
        if (base64.startsWith(DATA_URL_PREFIX)) {
            int comma = base64.indexOf(',');
            if (comma < 0 || comma > 100 || !base64.substring(0, comma).endsWith(";base64")) {
                throw new InvalidFieldException("image", "a data: URL must be base64, like data:image/png;base64,...");
            }
            base64 = base64.substring(comma + 1);
        }
        base64 = base64.replaceAll("\\s", "");
        // Refuse by the decoded size before decoding, so an oversized image is never held twice.
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        images.checkSize((long) base64.length() * 3 / 4 - padding);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("image", "not valid base64 (RFC 4648, with or without a data: URL prefix)");
        }
    }

    /** The choices, stripped; a multi_choice question needs at least two. */
    List<String> choices(QuestionType questionType, List<String> choices) {
        List<String> stripped = new ArrayList<>(choices == null ? 0 : choices.size());
        for (int i = 0; choices != null && i < choices.size(); i++) {
            String choice = choices.get(i);
            if (TextRules.isBlank(choice)) {
                throw new InvalidFieldException("choices[" + i + "]", "is empty (blank or only invisible characters)");
            }
            stripped.add(choice.strip());
        }
        if (questionType == QuestionType.QUESTION_TYPE_MULTI_CHOICE && stripped.size() < 2) {
            throw new InvalidFieldException("choices", "a multi_choice question needs at least 2 choices (at most "
                    + config.maxChoices() + ", rhwatch.ingestion.max-choices)");
        }
        return stripped;
    }

    /** The same question and image always get the same id, so a re-sent sample is recognisably the same. */
    static String derivedId(String question, byte[] image) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(question.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(image);
            return "s-" + HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static int epoch(Integer epoch) {
        if (epoch == null) {
            return 0;
        }
        if (epoch < 0) {
            throw new InvalidFieldException("epoch", epoch + " is below 0; the first evaluation is epoch 0, a re-evaluation a higher one");
        }
        return epoch;
    }

    static String required(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (TextRules.isBlank(value)) {
            throw new InvalidFieldException(field, "is required, and blank (empty, or only invisible characters) does not count");
        }
        return value;
    }

    /** An optional text: absent or empty is none; given, it must show something, so a typo cannot unlabel a sample. */
    static String optional(String field, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (TextRules.isBlank(value)) {
            throw new InvalidFieldException(field, "is blank (only invisible characters); leave it out instead");
        }
        return value.strip();
    }
}
