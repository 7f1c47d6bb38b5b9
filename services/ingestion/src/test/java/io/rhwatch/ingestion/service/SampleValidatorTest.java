package io.rhwatch.ingestion.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.SampleRequest;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleValidatorTest {

    private static final ObjectMapper MAPPER = UnitConfig.strictJson();
    private static final byte[] PNG = TestImages.noisePng(32, 24, 1);

    private final SampleValidator validator = validator(Map.of());

    private static SampleValidator validator(Map<String, String> properties) {
        IngestionConfig config = UnitConfig.ingestion(properties);
        return new SampleValidator(config, MAPPER, new ImageDecoder(config));
    }

    private static SampleRequest request(String id, String task, String questionType, String question, String image) {
        return new SampleRequest(id, null, task, questionType, question, null, "B", image, null, null);
    }

    @Test
    void acceptsAPngAndRecordsItsSizeAndMediaType() {
        Sample sample = validator.validate(new SampleRequest("s1", "unit", "perception", "multi-choice",
                "  What colour is the square?  ", List.of(" red ", "blue"), " B ", TestImages.base64(PNG), "image/png", null));

        assertThat(sample.getSampleId()).isEqualTo("s1");
        assertThat(sample.getSource()).isEqualTo("unit");
        assertThat(sample.getTask()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(sample.getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(sample.getQuestion()).isEqualTo("What colour is the square?");
        assertThat(sample.getChoicesList()).containsExactly("red", "blue");
        assertThat(sample.getAnswer()).isEqualTo("B");
        assertThat(sample.getImage().getMediaType()).isEqualTo("image/png");
        assertThat(sample.getImage().getWidth()).isEqualTo(32);
        assertThat(sample.getImage().getHeight()).isEqualTo(24);
        assertThat(sample.getImage().getData().toByteArray()).isEqualTo(PNG);
        assertThat(sample.getIngestedAtMs()).isPositive();
    }

    @Test
    void acceptsAJpegAndADataUrl() {
        byte[] jpeg = TestImages.noiseJpeg(40, 30, 2);
        Sample sample = validator.validate(request("j", "reasoning", "numeric", "How many?",
                "data:image/jpeg;base64," + TestImages.base64(jpeg)));

        assertThat(sample.getTask()).isEqualTo(Task.TASK_REASONING);
        assertThat(sample.getImage().getMediaType()).isEqualTo("image/jpeg");
        assertThat(sample.getImage().getWidth()).isEqualTo(40);
        assertThat(sample.getImage().getData().toByteArray()).isEqualTo(jpeg);
    }

    @Test
    void derivesTheSameIdFromTheSameQuestionAndImage() {
        String image = TestImages.base64(PNG);
        String first = validator.validate(request(null, "perception", "yes_no", "Is it red?", image)).getSampleId();
        String again = validator.validate(request(null, "perception", "yes_no", "Is it red?", image)).getSampleId();
        String other = validator.validate(request(null, "perception", "yes_no", "Is it blue?", image)).getSampleId();

        assertThat(first).matches("s-[0-9a-f]{16}").isEqualTo(again).isNotEqualTo(other);
    }

    @Test
    void refusesBadBase64NamingTheImage() {
        assertInvalid(request("x", "perception", "yes_no", "Is it red?", "not base64 !!"), "image", "not valid base64");
    }

    @Test
    void refusesBytesThatAreNotAnImage() {
        assertInvalid(request("x", "perception", "yes_no", "Is it red?", TestImages.base64("hello, world".getBytes())),
                "image", "not a PNG or JPEG");
    }

    @Test
    void refusesATruncatedPng() {
        byte[] truncated = Arrays.copyOf(PNG, PNG.length / 2);
        assertInvalid(request("x", "perception", "yes_no", "Is it red?", TestImages.base64(truncated)),
                "image", "not a readable PNG");
    }

    @Test
    void refusesAnImageOverTheByteLimitNamingTheLimit() {
        SampleValidator small = validator(Map.of("rhwatch.ingestion.max-image-bytes", "1000"));
        assertThat(PNG.length).isGreaterThan(1000);
        assertThatThrownBy(() -> small.validate(request("x", "perception", "yes_no", "Is it red?", TestImages.base64(PNG))))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("image"))
                .hasMessageContaining(PNG.length + " bytes exceeds the limit of 1000 bytes")
                .hasMessageContaining("rhwatch.ingestion.max-image-bytes");
    }

    @Test
    void refusesAnImageOverThePixelLimit() {
        SampleValidator small = validator(Map.of("rhwatch.ingestion.max-image-pixels", "500"));
        assertThatThrownBy(() -> small.validate(request("x", "perception", "yes_no", "Is it red?", TestImages.base64(PNG))))
                .hasMessageContaining("32x24 pixels exceeds the limit of 500 pixels");
    }

    @Test
    void refusesMissingOrUnknownFieldsNamingThem() {
        String image = TestImages.base64(PNG);
        assertInvalid(request("x", "perception", "yes_no", "  ", image), "question", "is required");
        assertInvalid(request("x", "seeing", "yes_no", "Is it red?", image), "task", "use one of perception, reasoning");
        assertInvalid(request("x", null, "yes_no", "Is it red?", image), "task", "is required");
        assertInvalid(request("x", "perception", "essay", "Is it red?", image), "question_type", "multi_choice");
        assertInvalid(request("x", "perception", "yes_no", "Is it red?", null), "image", "is required");
        assertInvalid(request("a|b", "perception", "yes_no", "Is it red?", image), "id", "A-Z a-z 0-9 . _ : -");
        assertInvalid(new SampleRequest("x", null, "perception", "yes_no", "Is it red?", List.of("a", " "), null, image, null, null),
                "choices[1]", "is empty");
        assertInvalid(new SampleRequest("x", null, "perception", "yes_no", "Is it red?", null, null, image, "image/jpeg", null),
                "image_media_type", "which is image/png");
    }

    @Test
    void refusesAQuestionOverTheLengthLimit() {
        SampleValidator small = validator(Map.of("rhwatch.ingestion.max-question-chars", "10"));
        assertThatThrownBy(() -> small.validate(request("x", "perception", "yes_no", "Is the square red?", TestImages.base64(PNG))))
                .hasMessageContaining("question: 18 characters exceeds the limit of 10");
    }

    @Test
    void readingNamesTheFieldOfAWrongType() throws Exception {
        assertThatThrownBy(() -> validator.read(MAPPER.readTree("{\"question\": \"q\", \"choices\": {\"a\": 1}}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("choices"));
        assertThatThrownBy(() -> validator.read(MAPPER.readTree("[1, 2]")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("body"));
        assertThatThrownBy(() -> validator.read(MAPPER.readTree("{\"question_type\": \"numeric\", \"answer\": 3}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("answer"))
                .hasMessageContaining("expected a string");
        assertThatThrownBy(() -> validator.read(MAPPER.readTree("{\"question\": \"q\", \"anwser\": \"B\"}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("anwser"))
                .hasMessageContaining("did you mean 'answer'?");
    }

    private void assertInvalid(SampleRequest request, String field, String message) {
        assertThatThrownBy(() -> validator.validate(request))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(message);
    }
}
