package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.rhwatch.core.Labels;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.SampleRequest;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import jakarta.enterprise.context.ApplicationScoped;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a client's sample into a {@link Sample}, or refuses it with an {@link InvalidFieldException} naming
 * the field and the limit. The single gate for both {@code POST /v1/samples} and dataset imports.
 */
@ApplicationScoped
public class SampleValidator {

    private static final String PNG = "image/png";
    private static final String JPEG = "image/jpeg";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String DATA_URL_PREFIX = "data:";

    private final IngestionConfig config;
    private final ObjectMapper mapper;

    public SampleValidator(IngestionConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /** Reads a JSON object into a request; a value of the wrong type is refused naming its field. */
    public SampleRequest read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException("body", "expected a JSON object with the sample's fields");
        }
        try {
            return mapper.treeToValue(json, SampleRequest.class);
        } catch (JsonMappingException e) {
            throw InvalidFieldException.wrongType(e);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not a valid sample: " + e.getOriginalMessage());
        }
    }

    /** Validates a request whose {@code image} is base64 (optionally a {@code data:} URL). */
    public Sample validate(SampleRequest request) {
        return validate(request, decodeBase64Image(request.image()));
    }

    /** Validates a request whose image bytes were obtained elsewhere (a dataset's image file). */
    public Sample validate(SampleRequest request, byte[] imageBytes) {
        Task task = Labels.task(required("task", request.task()))
                .orElseThrow(() -> new InvalidFieldException("task",
                        "'" + request.task() + "' is not a task; use one of " + Labels.accepted(Task.values())));
        QuestionType questionType = Labels.questionType(required("question_type", request.questionType()))
                .orElseThrow(() -> new InvalidFieldException("question_type",
                        "'" + request.questionType() + "' is not a question type; use one of "
                                + Labels.accepted(QuestionType.values())));
        String question = required("question", request.question()).strip();
        if (question.length() > config.maxQuestionChars()) {
            throw new InvalidFieldException("question", question.length() + " characters exceeds the limit of "
                    + config.maxQuestionChars() + " (rhwatch.ingestion.max-question-chars)");
        }
        List<String> choices = choices(request.choices());
        Image image = image(imageBytes, request.imageMediaType());
        String id = request.id() == null ? derivedId(question, imageBytes) : checkedId(request.id());

        return Sample.newBuilder()
                .setSampleId(id)
                .setSource(request.source() == null ? "" : request.source().strip())
                .setTask(task)
                .setQuestionType(questionType)
                .setQuestion(question)
                .addAllChoices(choices)
                .setAnswer(request.answer() == null ? "" : request.answer().strip())
                .setImage(image)
                .setIngestedAtMs(System.currentTimeMillis())
                .build();
    }

    /** Refuses an image by its size before it is read into memory. */
    public void checkImageSize(long bytes) {
        if (bytes > config.maxImageBytes()) {
            throw new InvalidFieldException("image", bytes + " bytes exceeds the limit of " + config.maxImageBytes()
                    + " bytes (rhwatch.ingestion.max-image-bytes)");
        }
        if (bytes == 0) {
            throw new InvalidFieldException("image", "is empty");
        }
    }

    private byte[] decodeBase64Image(String encoded) {
        String base64 = required("image", encoded).strip();
        if (base64.startsWith(DATA_URL_PREFIX)) {
            int comma = base64.indexOf(',');
            if (comma < 0 || !base64.substring(0, comma).endsWith(";base64")) {
                throw new InvalidFieldException("image", "a data: URL must be base64, like data:image/png;base64,...");
            }
            base64 = base64.substring(comma + 1);
        }
        base64 = base64.replaceAll("\\s", "");
        // Refuse by the decoded size before decoding, so an oversized image is never held twice.
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        checkImageSize((long) base64.length() * 3 / 4 - padding);
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("image", "not valid base64: " + e.getMessage());
        }
    }

    private Image image(byte[] bytes, String declaredMediaType) {
        checkImageSize(bytes.length);
        String mediaType = sniffMediaType(bytes);
        if (declaredMediaType != null && !declaredMediaType.isBlank()) {
            String declared = declaredMediaType.strip().toLowerCase(Locale.ROOT).replace("image/jpg", JPEG);
            if (!declared.equals(mediaType)) {
                throw new InvalidFieldException("image_media_type",
                        "says " + declaredMediaType.strip() + " but the image is " + mediaType);
            }
        }
        String format = mediaType.equals(PNG) ? "png" : "jpeg";
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > config.maxImagePixels()) {
                throw new InvalidFieldException("image", width + "x" + height + " pixels exceeds the limit of "
                        + config.maxImagePixels() + " pixels (rhwatch.ingestion.max-image-pixels)");
            }
            // Decode it all: a truncated or corrupt file has a readable header too.
            reader.read(0);
            return Image.newBuilder()
                    .setData(ByteString.copyFrom(bytes))
                    .setMediaType(mediaType)
                    .setWidth(width)
                    .setHeight(height)
                    .build();
        } catch (InvalidFieldException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException("image", "not a readable " + format.toUpperCase(Locale.ROOT) + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static String sniffMediaType(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(bytes, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return JPEG;
        }
        throw new InvalidFieldException("image", "not a PNG or JPEG image (first bytes "
                + HexFormat.of().formatHex(bytes, 0, Math.min(8, bytes.length)) + ")");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private List<String> choices(List<String> choices) {
        if (choices == null) {
            return List.of();
        }
        if (choices.size() > config.maxChoices()) {
            throw new InvalidFieldException("choices", choices.size() + " choices exceeds the limit of "
                    + config.maxChoices() + " (rhwatch.ingestion.max-choices)");
        }
        List<String> stripped = new ArrayList<>(choices.size());
        for (int i = 0; i < choices.size(); i++) {
            String choice = choices.get(i);
            if (choice == null || choice.isBlank()) {
                throw new InvalidFieldException("choices[" + i + "]", "is empty");
            }
            stripped.add(choice.strip());
        }
        return stripped;
    }

    private String checkedId(String id) {
        String stripped = id.strip();
        if (stripped.isEmpty()) {
            throw new InvalidFieldException("id", "is empty; leave it out to have one derived from the question and image");
        }
        if (stripped.length() > config.maxIdChars()) {
            throw new InvalidFieldException("id", stripped.length() + " characters exceeds the limit of "
                    + config.maxIdChars() + " (rhwatch.ingestion.max-id-chars)");
        }
        if (stripped.indexOf('|') >= 0) {
            throw new InvalidFieldException("id", "must not contain '|', which separates the parts of probe ids");
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

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
