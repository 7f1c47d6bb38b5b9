package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.ingestion.IngestionRequests.RawResponse;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static io.rhwatch.ingestion.IngestionRequests.postTraffic;
import static io.rhwatch.ingestion.IngestionRequests.raw;
import static io.rhwatch.ingestion.IngestionRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static io.rhwatch.ingestion.rest.RequestBodies.json;
import static io.rhwatch.ingestion.rest.RequestBodies.letters;
import static io.rhwatch.ingestion.rest.RequestBodies.with;
import static io.rhwatch.ingestion.rest.RequestBodies.without;

/**
 * Hostile input to {@code POST /v1/traffic}, case by case, one record and inside a batch: each gets its 4xx whose JSON
 * body names the field (in a batch, {@code records[i].field}) and, where there is one, the limit; nothing of a refused
 * request reaches rh.traffic; afterwards the service is healthy and takes valid traffic. The rules the fields share with
 * samples are HostileInputTest's in depth; here each family is shown to hold for traffic too.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficHostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG = TestImages.base64(TestImages.noisePng(8, 8, 80));
    /** Every refused record's request id starts with it: none may appear on rh.traffic. */
    private static final String REFUSED = "refused-";

    /** One hostile request and what it must get: a status, the field named, words the error must hold. */
    record Hostile(String name, Map<String, String> headers, byte[] body, int status, String field, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void isRefusedWithAClearJsonError(Hostile hostile) throws Exception {
        RawResponse answer = raw("POST", "/v1/traffic", hostile.headers(), hostile.body(), false);

        assertThat(answer.status()).as("status of %s: %s", hostile, answer.body()).isEqualTo(hostile.status());
        assertThat(answer.contentType()).as("content type of %s", hostile).startsWith("application/json");
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("field").asText()).as("field of %s: %s", hostile, answer.body()).isEqualTo(hostile.field());
        if (hostile.status() == 400) {
            assertThat(error.path("error").asText()).as("error of %s", hostile).startsWith(hostile.field() + ": ");
        }
        for (String mention : hostile.mentions()) {
            assertThat(error.path("error").asText()).as("error of %s", hostile).contains(mention);
        }
    }

    static List<Hostile> cases() {
        List<Hostile> cases = new ArrayList<>();
        syntax(cases);
        unknownFields(cases);
        wrongTypes(cases);
        missing(cases);
        ids(cases);
        lengths(cases);
        ranges(cases);
        batches(cases);
        images(cases);
        http(cases);
        return cases;
    }

    private static void syntax(List<Hostile> cases) {
        String valid = json(record("syntax"));
        cases.add(badText("not JSON", "{not json", "body", "not valid JSON"));
        cases.add(badText("an empty body", "", "body", "JSON object"));
        cases.add(badText("an array", "[" + valid + "]", "body", "JSON object"));
        cases.add(badText("two objects in one body", valid + valid, "body", "more after its JSON value"));
        cases.add(badText("request_id twice", "{\"request_id\": \"a\", \"request_id\": \"b\"}", "request_id", "appears twice"));
        cases.add(badText("request_id twice in a batch record", "{\"records\": [" + valid + ", {\"request_id\": \"a\", \"request_id\": \"b\"}]}",
                "records[1].request_id", "appears twice"));
        cases.add(badText("nesting 2000 deep", "{\"records\": " + "[".repeat(2000) + "]".repeat(2000) + "}", "body", "nesting depth", "1000"));
    }

    private static void unknownFields(List<Hostile> cases) {
        cases.add(bad("requestId for request_id", with(without(record("u"), "request_id"), "requestId", "r-1"), "requestId",
                "did you mean 'request_id'?"));
        cases.add(bad("modle for model", with(record("u"), "modle", "m"), "modle", "did you mean 'model'?"));
        cases.add(bad("served_reasoning for served_reasoning_tokens", with(record("u"), "served_reasoning", 5), "served_reasoning",
                "is not a field", "served_reasoning_tokens"));
        cases.add(bad("epoch, a field of samples only", with(record("u"), "epoch", 1), "epoch", "is not a field"));
        cases.add(bad("anwser in the third record of a batch", batch(record("u1"), record("u2"), with(record("u3"), "anwser", "A")),
                "records[2].anwser", "did you mean 'answer'?"));
        cases.add(bad("a field beside records", with(batch(record("u4")), "model", "m"), "model", "is not a field of a batch"));
    }

    private static void wrongTypes(List<Hostile> cases) {
        Object[][] wrong = {
                {"request_id", 123}, {"model", true}, {"model_version", 2}, {"question", List.of("q")}, {"image", 12345},
                {"choices", "a, b"}, {"task", 1}, {"question_type", 2}, {"answer", 4.5}, {"served_output", false}, {"source", 7},
                {"timestamp_ms", "2024-06-01T00:00:00Z"}, {"timestamp_ms", 1.7e12 + 0.5}, {"timestamp_ms", true},
                {"served_reasoning_tokens", "412"}, {"served_reasoning_tokens", 41.2}, {"served_reasoning_tokens", List.of(1)},
        };
        for (Object[] field : wrong) {
            cases.add(bad(field[0] + " as " + field[1].getClass().getSimpleName(), with(record("type"), (String) field[0], field[1]),
                    (String) field[0], "wrong type"));
        }
        cases.add(bad("a number among the choices", with(mc(record("type")), "choices", List.of("a", 2)), "choices[1]", "expected a string"));
        cases.add(bad("served_reasoning_tokens as a string in a batch", batch(record("t1"), with(record("t2"), "served_reasoning_tokens", "9")),
                "records[1].served_reasoning_tokens", "wrong type"));
        cases.add(bad("records as an object", Map.of("records", record("t3")), "records", "expected an array"));
        cases.add(bad("records as a string", Map.of("records", "all of them"), "records", "expected an array"));
        cases.add(bad("a number as a batch record", batch(record("t4"), 5), "records[1]", "expected a JSON object"));
    }

    private static void missing(List<Hostile> cases) {
        for (String field : List.of("request_id", "model", "question", "question_type", "image")) {
            cases.add(bad("no " + field, without(record("miss"), field), field, "is required"));
        }
        cases.add(bad("an empty request_id", with(record("miss"), "request_id", ""), "request_id", "is required"));
        cases.add(bad("an empty model", with(record("miss"), "model", ""), "model", "is required"));
        cases.add(bad("a question of zero-width spaces", with(record("miss"), "question", "\u200B\u200B"), "question", "is required"));
        cases.add(bad("a served_output of spaces", with(record("miss"), "served_output", "   "), "served_output", "blank"));
        cases.add(bad("a task of a zero-width space", with(record("miss"), "task", "\u200B"), "task", "blank"));
        cases.add(bad("no model in the second record", batch(record("m1"), without(record("m2"), "model")), "records[1].model", "is required"));
        cases.add(bad("no request_id in the last record", batch(record("m3"), record("m4"), without(record("m5"), "request_id")),
                "records[2].request_id", "is required"));
    }

    private static void ids(List<Hostile> cases) {
        String[][] bad = {{"a pipe", "a|b"}, {"a slash", "traffic/x"}, {"a space", "a b"}, {"a line break and a forged log line",
                "a\nINFO accepted"}, {"a NUL", "a\u0000b"}, {"a non-ASCII letter", "über"}};
        for (String[] id : bad) {
            cases.add(bad("a request_id with " + id[0], with(record("x"), "request_id", id[1]), "request_id", "A-Z a-z 0-9 . _ : -"));
        }
        cases.add(bad("a model with an @", with(record("x"), "model", "qwen@v1"), "model", "A-Z a-z 0-9 . _ : -"));
        cases.add(bad("a model with a slash", with(record("x"), "model", "Qwen/Qwen2-VL"), "model", "A-Z a-z 0-9 . _ : -"));
        cases.add(bad("a model_version with a space", with(record("x"), "model_version", "v 2"), "model_version", "A-Z a-z 0-9 . _ : -"));
        cases.add(bad("a bad request_id in a batch", batch(record("x1"), with(record("x2"), "request_id", "a|b")), "records[1].request_id",
                "A-Z a-z 0-9 . _ : -"));
    }

    private static void lengths(List<Hostile> cases) {
        cases.add(bad("a request_id of 129 characters", with(record("long"), "request_id", "r".repeat(129)), "request_id", "limit of 128",
                "rhwatch.ingestion.max-id-chars"));
        cases.add(bad("a model of 129 characters", with(record("long"), "model", "m".repeat(129)), "model", "limit of 128",
                "rhwatch.ingestion.max-id-chars"));
        cases.add(bad("a question of 16385 characters", with(record("long"), "question", "q".repeat(16_385)), "question",
                "16385 characters exceeds the limit of 16384", "rhwatch.ingestion.max-question-chars"));
        cases.add(bad("a served_output of 16385 characters", with(record("long"), "served_output", "o".repeat(16_385)), "served_output",
                "16385 characters exceeds the limit of 16384", "rhwatch.ingestion.max-served-output-chars"));
        cases.add(bad("an answer of 4097 characters", with(record("long"), "answer", "a".repeat(4097)), "answer", "limit of 4096",
                "rhwatch.ingestion.max-answer-chars"));
        cases.add(bad("a source of 257 characters", with(record("long"), "source", "s".repeat(257)), "source", "limit of 256",
                "rhwatch.ingestion.max-source-chars"));
        cases.add(bad("27 choices", with(mc(record("long")), "choices", letters(27)), "choices", "limit of 26", "rhwatch.ingestion.max-choices"));
        cases.add(bad("a served_output with a terminal escape", with(record("long"), "served_output", "\u001b[31mA"), "served_output", "U+001B"));
        cases.add(bad("a long question in a batch", batch(record("l1"), with(record("l2"), "question", "q".repeat(16_385))),
                "records[1].question", "limit of 16384"));
    }

    private static void ranges(List<Hostile> cases) {
        cases.add(bad("served_reasoning_tokens of -1", with(record("r"), "served_reasoning_tokens", -1), "served_reasoning_tokens",
                "outside 0 to 16384", "rhwatch.ingestion.max-served-reasoning-tokens"));
        cases.add(bad("served_reasoning_tokens of 16385", with(record("r"), "served_reasoning_tokens", 16_385), "served_reasoning_tokens",
                "outside 0 to 16384", "rhwatch.ingestion.max-served-reasoning-tokens"));
        cases.add(bad("served_reasoning_tokens past a long", with(record("r"), "served_reasoning_tokens", new BigInteger("1" + "0".repeat(25))),
                "served_reasoning_tokens", "out of range"));
        cases.add(bad("a negative timestamp_ms", with(record("r"), "timestamp_ms", -5), "timestamp_ms", "outside 1 to",
                "rhwatch.ingestion.max-clock-skew"));
        cases.add(bad("a timestamp_ms of 0", with(record("r"), "timestamp_ms", 0), "timestamp_ms", "outside 1 to"));
        cases.add(bad("a timestamp_ms a day ahead", with(record("r"), "timestamp_ms", System.currentTimeMillis() + 86_400_000L), "timestamp_ms",
                "300 s after the server's clock", "rhwatch.ingestion.max-clock-skew"));
        cases.add(bad("the largest timestamp_ms", with(record("r"), "timestamp_ms",
                Long.MAX_VALUE), "timestamp_ms", "outside 1 to"));
        cases.add(bad("an unknown task", with(record("r"), "task", "thinking"), "task", "perception, reasoning"));
        cases.add(bad("an unknown question_type", with(record("r"), "question_type", "essay"), "question_type", "multi_choice"));
        cases.add(bad("multi_choice with one choice", with(mc(record("r")), "choices", List.of("red")), "choices", "at least 2 choices"));
    }

    private static void batches(List<Hostile> cases) {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            many.add(record("many-" + i));
        }
        cases.add(bad("a batch of 257 records", Map.of("records", many), "records", "257 records exceeds the limit of 256",
                "rhwatch.ingestion.max-traffic-batch"));
        List<Object> huge = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            huge.add(Map.of());
        }
        cases.add(bad("a batch of 100000 empty records", Map.of("records", huge), "records", "100000 records exceeds the limit of 256"));
        cases.add(bad("an empty batch", Map.of("records", List.of()), "records", "is empty", "1 to 256"));
    }

    private static void images(List<Hostile> cases) {
        byte[] png = TestImages.noisePng(8, 8, 81);
        cases.add(bad("an image that is not base64", with(record("img"), "image", "%%% not base64"), "image", "not valid base64"));
        cases.add(bad("base64 of text", with(record("img"), "image", TestImages.base64("just text".getBytes())), "image", "not a PNG or JPEG"));
        cases.add(bad("a truncated PNG", with(record("img"), "image", TestImages.base64(Arrays.copyOf(png, png.length / 2))), "image",
                "not a readable PNG"));
        cases.add(bad("a PNG of 100000x100000 pixels", with(record("img"), "image", TestImages.base64(TestImages.zeroPng(100_000, 100_000, 1, 0, 1))),
                "image", "exceeds the limit of 40000000 pixels", "rhwatch.ingestion.max-image-pixels"));
        cases.add(bad("a 300 KB PNG that decodes to 318 MB", with(record("img"), "image",
                        TestImages.base64(TestImages.zeroPng(6300, 6300, 16, 6, 6300))), "image",
                "over the limit of 134217728 bytes", "rhwatch.ingestion.max-image-raster-bytes"));
        cases.add(bad("an image over 8 MiB", with(record("img"), "image", TestImages.base64(new byte[8 * 1024 * 1024 + 1])), "image",
                "exceeds the limit of 8388608 bytes", "rhwatch.ingestion.max-image-bytes"));
        cases.add(bad("a declared media type that is not the image's", with(record("img"), "image_media_type", "image/jpeg"),
                "image_media_type", "which is image/png"));
        cases.add(bad("a bad image in the third record", batch(record("i1"), record("i2"), with(record("i3"), "image", "%%%")),
                "records[2].image", "not valid base64"));
    }

    private static void http(List<Hostile> cases) {
        byte[] valid = json(record("http")).getBytes(StandardCharsets.UTF_8);
        cases.add(new Hostile("no Content-Type", Map.of(), valid, 415, "Content-Type", List.of("application/json")));
        cases.add(new Hostile("Content-Type text/plain", Map.of("Content-Type", "text/plain"), valid, 415, "Content-Type",
                List.of("is not supported")));
        cases.add(new Hostile("a body declared over the limit", Map.of("Content-Type", "application/json", "Content-Length", "40000000"),
                new byte[0], 413, "body", List.of("exceeds the limit of 33554432 bytes", "quarkus.http.limits.max-body-size")));
    }

    @Order(2)
    @Test
    void getIsNotAllowedAndSaysWhatIs() {
        request().get("/v1/traffic").then().statusCode(405).contentType("application/json")
                .body("error", containsString("POST /v1/traffic"));
    }

    @Order(3)
    @Test
    void nothingRefusedReachedTheTopicAndValidTrafficStillDoes() {
        // ready once the ledger has been read and the traffic consumer has joined its group (503 until then)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> request().when().get("/q/health/ready").then().statusCode(200));
        Map<String, Object> edge = record("edge-1");
        edge.put("request_id", "E".repeat(128));
        edge.put("model", "m".repeat(128));
        edge.put("served_reasoning_tokens", 16_384);
        edge.put("served_output", "o".repeat(16_384));
        edge.put("timestamp_ms", System.currentTimeMillis() + 60_000);
        edge.put("image", "data:image/png;base64," + PNG);
        postTraffic(edge).then().statusCode(202);
        List<Object> full = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            full.add(record("full-" + i));
        }
        postTraffic(Map.of("records", full)).then().statusCode(202);

        Set<String> expected = new HashSet<>(Set.of("E".repeat(128)));
        for (int i = 0; i < 256; i++) {
            expected.add("ok-full-" + i);
        }
        Set<String> keys = TopicProbe.read("rh.traffic", Duration.ofSeconds(60),
                        records -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(expected))
                .stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertThat(keys).containsAll(expected);
        assertThat(keys).noneMatch(key -> key.startsWith(REFUSED));
    }

    // ---- building the cases ----

    private static Hostile bad(String name, Object body, String field, String... mentions) {
        return new Hostile(name, Map.of("Content-Type", "application/json"), json(body).getBytes(StandardCharsets.UTF_8), 400, field,
                List.of(mentions));
    }

    private static Hostile badText(String name, String body, String field, String... mentions) {
        return new Hostile(name, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), 400, field,
                List.of(mentions));
    }

    /** A valid record; the hostile cases spoil it, so its request id marks it as refused. */
    private static Map<String, Object> record(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", (name.startsWith("edge") || name.startsWith("full") ? "ok-" : REFUSED) + name);
        body.put("model", "rh-sim-steady");
        body.put("question", "Is the square red?");
        body.put("question_type", "yes_no");
        body.put("image", PNG);
        return body;
    }

    private static Map<String, Object> batch(Object... records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", List.of(records));
        return body;
    }

    private static Map<String, Object> mc(Map<String, Object> body) {
        body.put("question_type", "multi_choice");
        return body;
    }
}
