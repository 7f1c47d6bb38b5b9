package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.rhwatch.ingestion.IngestionRequests.datasetDirectory;
import static io.rhwatch.ingestion.IngestionRequests.postImport;
import static io.rhwatch.ingestion.IngestionRequests.postSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class IngestionResourceTest {

    private static final String SAMPLES = "rh.samples";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_IMAGE_BYTES = 8 * 1024 * 1024;

    @Test
    void aValidSampleIsAcceptedOnlyOnceItIsOnTheTopic() throws Exception {
        byte[] png = TestImages.noisePng(20, 10, 7);
        Map<String, Object> body = sample("api-1", png);

        postSample(body)
                .then().statusCode(202).body("accepted", equalTo(List.of("api-1")));

        Sample sample = Sample.parseFrom(readByKey("api-1").value());
        assertThat(sample.getSampleId()).isEqualTo("api-1");
        assertThat(sample.getTask()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(sample.getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(sample.getQuestion()).isEqualTo("What colour is the square?");
        assertThat(sample.getChoicesList()).containsExactly("red", "green");
        assertThat(sample.getAnswer()).isEqualTo("A");
        assertThat(sample.getImage().getData().toByteArray()).isEqualTo(png);
        assertThat(sample.getImage().getMediaType()).isEqualTo("image/png");
        assertThat(sample.getImage().getWidth()).isEqualTo(20);
        assertThat(sample.getImage().getHeight()).isEqualTo(10);
    }

    @Test
    void aSampleWithoutIdGetsADerivedOne() {
        Map<String, Object> body = sample(null, TestImages.noisePng(8, 8, 8));
        String id = postSample(body)
                .then().statusCode(202).extract().path("accepted[0]");

        assertThat(id).matches("s-[0-9a-f]{16}");
        assertThat(readByKey(id).key()).isEqualTo(id);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        byte[] png = TestImages.noisePng(8, 8, 9);
        assertRefused(with(sample("b1", png), "image", "%%% not base64"), "image", "not valid base64");
        assertRefused(with(sample("b2", png), "image", TestImages.base64("just text".getBytes())), "image", "not a PNG or JPEG");
        assertRefused(with(sample("b3", png), "question", null), "question", "is required");
        assertRefused(with(sample("b4", png), "task", "thinking"), "task", "use one of perception, reasoning");
        assertRefused(with(sample("b5", png), "choices", Map.of("a", 1)), "choices", "wrong type");

        postSample("{not json")
                .then().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void anImageJustUnderTheLimitIsAcceptedAndOneOverItIsRefusedNamingTheLimit() throws Exception {
        byte[] large = TestImages.noisePng(1650, 1650, 10);
        assertThat(large.length).isBetween(MAX_IMAGE_BYTES - 512 * 1024, MAX_IMAGE_BYTES);

        postSample(sample("large-ok", large))
                .then().statusCode(202).body("accepted", equalTo(List.of("large-ok")));
        assertThat(Sample.parseFrom(readByKey("large-ok").value()).getImage().getData().size()).isEqualTo(large.length);

        byte[] tooLarge = TestImages.noisePng(1700, 1700, 11);
        assertThat(tooLarge.length).isGreaterThan(MAX_IMAGE_BYTES);
        postSample(sample("large-refused", tooLarge))
                .then().statusCode(400)
                .body("field", equalTo("image"))
                .body("error", containsString("exceeds the limit of 8388608 bytes"));
    }

    @Test
    void aJsonlImportWritesEveryValidRecordAndRejectsTheOthersByIndex() throws Exception {
        Path dir = datasetDirectory("jsonl");
        Files.createDirectories(dir.resolve("images"));
        Files.write(dir.resolve("images/a.png"), TestImages.noisePng(12, 12, 20));
        Files.write(dir.resolve("images/b.png"), TestImages.noisePng(14, 10, 21));
        Files.writeString(dir.resolve("bench.jsonl"), String.join("\n",
                line("imp-a", "images/a.png", "reasoning"),
                line("imp-b", "images/b.png", null),
                "",
                line("imp-missing", "images/nope.png", null),
                "{broken",
                line("imp-c", "images/a.png", null)));

        var answer = postImport(Map.of("path", dir.resolve("bench.jsonl").toString(), "task", "perception", "source", "rh-bench"))
                .then().statusCode(202)
                .body("accepted", equalTo(3))
                .body("ids", equalTo(List.of("imp-a", "imp-b", "imp-c")))
                .body("rejected", hasSize(2))
                .body("rejected[0].index", equalTo(2))
                .body("rejected[0].id", equalTo("imp-missing"))
                .body("rejected[0].field", equalTo("image"))
                .body("rejected[0].error", containsString("does not exist"))
                .body("rejected[1].index", equalTo(3))
                .body("rejected[1].field", equalTo("record"))
                .extract();
        assertThat(answer.<String>path("rejected[1].error")).contains("line 5");

        Map<String, Sample> written = readByKeys(List.of("imp-a", "imp-b", "imp-c"));
        assertThat(written.get("imp-a").getTask()).isEqualTo(Task.TASK_REASONING);
        assertThat(written.get("imp-b").getTask()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(written.get("imp-b").getSource()).isEqualTo("rh-bench");
        assertThat(written.get("imp-b").getImage().getWidth()).isEqualTo(14);
        assertThat(written.get("imp-b").getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_NUMERIC);
        assertThat(written.get("imp-b").getAnswer()).isEqualTo("4");
    }

    @Test
    void aJsonArrayImportRejectsARecordWithoutAnyTaskAndOneThatIsNoObject() throws Exception {
        Path dir = datasetDirectory("array");
        Files.write(dir.resolve("c.png"), TestImages.noisePng(9, 9, 30));
        Files.writeString(dir.resolve("bench.json"), "[" + line("arr-task", "c.png", "reasoning") + ","
                + line("arr-none", "c.png", null) + ", 42]");

        postImport(Map.of("path", dir.resolve("bench.json").toString()))
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("ids", equalTo(List.of("arr-task")))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].id", equalTo("arr-none"))
                .body("rejected[0].field", equalTo("task"))
                .body("rejected[1].index", equalTo(2))
                .body("rejected[1].field", equalTo("record"));
        assertThat(Sample.parseFrom(readByKey("arr-task").value()).getSource()).isEqualTo("bench.json");
    }

    @Test
    void anImportOfAMissingFileIsRefusedNamingThePath() {
        Path dir = datasetDirectory("missing");
        postImport(Map.of("path", dir.resolve("absent.jsonl").toString()))
                .then().statusCode(400)
                .body("field", equalTo("path"))
                .body("error", containsString("absent.jsonl"));

        postImport(Map.of("path", Map.of("not", "a path")))
                .then().statusCode(400)
                .body("field", equalTo("path"));
    }

    /** A dataset record in the RH-Bench layout; {@code task} null leaves the field out. */
    private static String line(String id, String image, String task) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("question", "There are 4 circles. How many circles are there? Answer with a number.");
        record.put("image", image);
        record.put("answer", "4");
        record.put("question_type", "numeric");
        if (task != null) {
            record.put("task", task);
        }
        return JSON.writeValueAsString(record);
    }

    private static Map<String, Object> sample(String id, byte[] image) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("task", "perception");
        body.put("question_type", "multi-choice");
        body.put("question", "What colour is the square?");
        body.put("choices", List.of("red", "green"));
        body.put("answer", "A");
        body.put("image", TestImages.base64(image));
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static void assertRefused(Map<String, Object> body, String field, String message) {
        postSample(body)
                .then().statusCode(400)
                .body("field", equalTo(field))
                .body("error", containsString(message));
    }

    private static ConsumerRecord<String, byte[]> readByKey(String key) {
        return TopicProbe.read(SAMPLES, WAIT, records -> records.stream().anyMatch(r -> key.equals(r.key())))
                .stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no record keyed " + key + " on " + SAMPLES));
    }

    private static Map<String, Sample> readByKeys(Collection<String> keys) {
        Map<String, Sample> found = TopicProbe.read(SAMPLES, WAIT,
                        records -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(keys))
                .stream().filter(r -> keys.contains(r.key()))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> parse(r.value()), (a, b) -> b));
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        return found;
    }

    private static Sample parse(byte[] value) {
        try {
            return Sample.parseFrom(value);
        } catch (Exception e) {
            throw new AssertionError("not a Sample", e);
        }
    }
}
