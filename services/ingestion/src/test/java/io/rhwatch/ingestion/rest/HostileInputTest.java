package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.ingestion.IngestionRequests;
import io.rhwatch.ingestion.IngestionRequests.RawResponse;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.proto.v1.Sample;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static io.rhwatch.ingestion.IngestionRequests.IMPORT_ROOT;
import static io.rhwatch.ingestion.IngestionRequests.raw;
import static io.rhwatch.ingestion.IngestionRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static io.rhwatch.ingestion.rest.RequestBodies.json;
import static io.rhwatch.ingestion.rest.RequestBodies.letters;
import static io.rhwatch.ingestion.rest.RequestBodies.with;
import static io.rhwatch.ingestion.rest.RequestBodies.without;

/**
 * Hostile input, case by case: every one gets a 4xx whose JSON body names the field and, where there is one, the
 * limit; none gets a 5xx; no answer echoes a file's content; afterwards the service is healthy and every valid
 * sample sent in between is on rh.samples.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG = TestImages.base64(TestImages.noisePng(8, 8, 60));
    private static final String JPEG = TestImages.base64(TestImages.noiseJpeg(16, 16, 61));
    /** Written into every file the imports below point at: no answer may ever contain it. */
    private static final String SECRET = "SECRET-CONTENT-7f3a";
    private static final Path FILES = IMPORT_ROOT.resolve("hostile");
    private static final Path OUTSIDE = IMPORT_ROOT.resolveSibling("outside-import-root");
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    /** One hostile request and what it must get: a status, the field named, words the error must hold. */
    record Hostile(String name, String method, String path, Map<String, String> headers, byte[] body, boolean chunked,
                   int status, String field, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Order(1)
    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void isRefusedWithAClearJsonError(Hostile hostile) throws Exception {
        RawResponse answer = raw(hostile.method(), hostile.path(), hostile.headers(), hostile.body(), hostile.chunked());

        assertThat(answer.status()).as("status of %s: %s", hostile, answer.body()).isEqualTo(hostile.status());
        assertThat(answer.contentType()).as("content type of %s", hostile).startsWith("application/json");
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").asText()).as("error of %s", hostile).isNotBlank();
        if (hostile.field() != null) {
            assertThat(error.path("field").asText()).as("field of %s: %s", hostile, answer.body()).isEqualTo(hostile.field());
        }
        for (String mention : hostile.mentions()) {
            assertThat(error.path("error").asText()).as("error of %s", hostile).contains(mention);
        }
        assertThat(answer.body()).as("answer to %s", hostile).doesNotContain(SECRET).doesNotContain("root:x:0:0");
    }

    static List<Hostile> cases() throws IOException {
        writeFiles();
        List<Hostile> cases = new ArrayList<>();
        syntax(cases);
        unknownFields(cases);
        wrongTypes(cases);
        blanks(cases);
        ids(cases);
        lengths(cases);
        controlCharacters(cases);
        meaning(cases);
        images(cases);
        http(cases);
        imports(cases);
        return cases;
    }

    private static void syntax(List<Hostile> cases) {
        String valid = json(sample("syntax"));
        cases.add(badText("not JSON", "{not json", "body", "not valid JSON", "line 1, column 2"));
        cases.add(badText("an empty body", "", "body", "JSON object"));
        cases.add(badText("a body of spaces", "   \n ", "body", "JSON object"));
        cases.add(badText("null", "null", "body", "JSON object"));
        cases.add(badText("an array", "[1, 2]", "body", "JSON object"));
        cases.add(badText("a string", "\"sample\"", "body", "JSON object"));
        cases.add(badText("a number", "42", "body", "JSON object"));
        cases.add(badText("text after the object", valid + " trailing", "body", "not valid JSON"));
        cases.add(badText("two objects in one body", valid + valid, "body", "more after its JSON value", "exactly one JSON object"));
        cases.add(badText("two objects on two lines", valid + "\n" + valid, "body", "more after its JSON value"));
        cases.add(badText("an object then an array", valid + "[]", "body", "more after its JSON value"));
        cases.add(badText("a trailing comma", valid.substring(0, valid.length() - 1) + ",}", "body", "not valid JSON"));
        cases.add(badText("single quotes", "{'question': 'q'}", "body", "not valid JSON"));
        cases.add(badText("a comment", "/* hi */" + valid, "body", "not valid JSON"));
        cases.add(badText("NaN", "{\"question\": NaN}", "body", "not valid JSON"));
        cases.add(badText("an unterminated string", "{\"question\": \"q", "body", "ends before the JSON value is complete"));
        cases.add(badText("a truncated object", valid.substring(0, valid.length() / 2), "body", "not valid JSON"));
        cases.add(badText("an unquoted control character", "{\"question\": \"a\u0001b\"}", "body", "not valid JSON"));
        cases.add(badText("nesting 2000 deep", "{\"choices\": " + "[".repeat(2000) + "]".repeat(2000) + "}", "body",
                "nesting depth", "1000"));
        cases.add(bad("a field twice", "{\"id\": \"a\", \"id\": \"b\"}".getBytes(StandardCharsets.UTF_8), "id", "appears twice"));
        cases.add(bad("the answer twice", (valid.substring(0, valid.length() - 1) + ", \"answer\": \"no\"}").getBytes(StandardCharsets.UTF_8),
                "answer", "appears twice"));
        cases.add(bad("invalid UTF-8", concat("{\"question\": \"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 0x28},
                "\"}".getBytes(StandardCharsets.UTF_8)), "body", "not valid JSON"));
        // written by hand: a JSON writer will not write a lone surrogate
        cases.add(badText("a lone surrogate escape", json(with(sample("surrogate"), "question", "Is it SURROGATE red?"))
                .replace("SURROGATE", "\\ud800"), "question", "unpaired surrogate"));
    }

    private static void unknownFields(List<Hostile> cases) {
        cases.add(bad("anwser for answer", with(without(sample("typo-1"), "answer"), "anwser", "yes"), "anwser", "did you mean 'answer'?"));
        cases.add(bad("questoin for question", with(sample("typo-2"), "questoin", "q"), "questoin", "did you mean 'question'?"));
        cases.add(bad("Image for image", with(sample("typo-3"), "Image", PNG), "Image", "did you mean 'image'?"));
        cases.add(bad("question-type for question_type", with(sample("typo-4"), "question-type", "yes_no"), "question-type",
                "did you mean 'question_type'?"));
        cases.add(bad("choice for choices", with(sample("typo-5"), "choice", List.of("a", "b")), "choice", "did you mean 'choices'?"));
        cases.add(bad("an unrelated field", with(sample("typo-6"), "priority", "high"), "priority", "is not a field", "question_type"));
        cases.add(bad("__proto__", with(sample("typo-7"), "__proto__", Map.of("admin", true)), "__proto__", "is not a field"));
        cases.add(bad("a 1000-character field name", with(sample("typo-8"), "x".repeat(1000), "v"), "x".repeat(64) + "…", "is not a field"));
        cases.add(bad("a NUL in a field name", with(sample("typo-9"), "an\u0000swer", "v"), "an?swer", "is not a field"));
        cases.add(badImport("an unknown import field", Map.of("path", "x.jsonl", "recursive", true), 400, "recursive", "is not a field"));
        cases.add(badImport("pth for path", Map.of("pth", "x.jsonl"), 400, "pth", "did you mean 'path'?"));
    }

    private static void wrongTypes(List<Hostile> cases) {
        Object[][] wrong = {
                {"id", 123}, {"id", true}, {"id", Map.of()}, {"id", List.of("a")},
                {"question", 5}, {"question", false}, {"question", List.of("q")}, {"question", Map.of("text", "q")},
                {"answer", 4}, {"answer", 4.5}, {"answer", true}, {"answer", List.of("yes")},
                {"task", 1}, {"question_type", 2}, {"source", 7}, {"image", 12345}, {"image", List.of(PNG)},
                {"image_media_type", 1.0}, {"choices", "a, b"}, {"choices", Map.of("a", 1)},
        };
        for (Object[] field : wrong) {
            cases.add(bad(field[0] + " as " + field[1].getClass().getSimpleName(), with(sample("type"), (String) field[0], field[1]),
                    (String) field[0], "wrong type"));
        }
        cases.add(bad("a number among the choices", with(sample("type"), "choices", List.of("a", 2)), "choices[1]", "expected a string"));
        cases.add(bad("a boolean among the choices", with(sample("type"), "choices", List.of(true, "b")), "choices[0]", "expected a string"));
        cases.add(bad("an array among the choices", with(sample("type"), "choices", List.of("a", List.of("b"))), "choices[1]", "wrong type"));
        cases.add(badImport("path as a number", Map.of("path", 5), 400, "path", "wrong type"));
        cases.add(badImport("path as an array", Map.of("path", List.of("a")), 400, "path", "wrong type"));
        cases.add(badImport("path as an object", Map.of("path", Map.of("not", "a path")), 400, "path", "wrong type"));
        cases.add(badImport("task as a number", Map.of("path", "x.jsonl", "task", 3), 400, "task", "wrong type"));
        cases.add(badImport("source as a boolean", Map.of("path", "x.jsonl", "source", true), 400, "source", "wrong type"));
        cases.add(bad("a fractional epoch", with(sample("type"), "epoch", 1.5), "epoch", "wrong type"));
        cases.add(badImport("a fractional epoch", Map.of("path", "x.jsonl", "epoch", 1.5), 400, "epoch", "wrong type"));
    }

    private static void blanks(List<Hostile> cases) {
        String[][] invisible = {
                {"empty", ""}, {"spaces", "   "}, {"NULs", "\u0000\u0000"}, {"zero-width spaces", "\u200B\u200B"},
                {"zero-width joiners and a BOM", "\u200C\u200D\uFEFF"}, {"a word joiner", "\u2060"}, {"a soft hyphen", "\u00AD"},
                {"a combining grapheme joiner", "\u034F"}, {"a Hangul filler", "\u3164"}, {"a Braille blank", "\u2800"},
                {"a right-to-left override", "\u202E"}, {"tabs and line breaks", "\t\n\r"}, {"combining accents alone", "\u0301\u0301"},
                {"ideographic spaces", "\u3000\u3000"}, {"a mix of them", " \u200B\u0000\uFEFF\u3164 "},
        };
        for (String[] text : invisible) {
            cases.add(bad("a question of " + text[0], with(sample("blank"), "question", text[1]), "question", "is required"));
        }
        cases.add(bad("no question", without(sample("blank"), "question"), "question", "is required"));
        cases.add(bad("no task", without(sample("blank"), "task"), "task", "is required"));
        cases.add(bad("a task of zero-width spaces", with(sample("blank"), "task", "\u200B"), "task", "is required"));
        cases.add(bad("no question_type", without(sample("blank"), "question_type"), "question_type", "is required"));
        cases.add(bad("no image", without(sample("blank"), "image"), "image", "is required"));
        cases.add(bad("an image of spaces", with(sample("blank"), "image", "  "), "image", "is required"));
        cases.add(bad("an answer of a zero-width space", with(sample("blank"), "answer", "\u200B"), "answer", "blank"));
        cases.add(bad("an answer of spaces", with(sample("blank"), "answer", "   "), "answer", "blank"));
        cases.add(bad("a blank choice", with(mc(sample("blank")), "choices", List.of("red", "")), "choices[1]", "is empty"));
        cases.add(bad("an invisible choice", with(mc(sample("blank")), "choices", List.of("red", "\u200B\u200D")), "choices[1]", "is empty"));
        cases.add(bad("a null choice", with(mc(sample("blank")), "choices", Arrays.asList("red", null)), "choices[1]", "is empty"));
    }

    private static void ids(List<Hostile> cases) {
        String[][] bad = {
                {"a pipe", "a|b"}, {"a space", "a b"}, {"CR LF and a forged log line", "a\r\nINFO accepted sample admin"},
                {"a NUL", "a\u0000b"}, {"a line feed", "a\nb"}, {"a tab", "a\tb"}, {"a path", "../../etc/passwd"},
                {"a slash", "a/b"}, {"a non-ASCII letter", "über"}, {"an emoji", "id-\uD83D\uDE00"}, {"markup", "<script>"},
                {"a semicolon", "a;b"}, {"a percent escape", "a%00"}, {"a leading space", " a"}, {"a zero-width space", "a\u200Bb"},
                {"a right-to-left override", "a\u202Eb"},
        };
        for (String[] id : bad) {
            cases.add(bad("an id with " + id[0], with(sample("x"), "id", id[1]), "id", "A-Z a-z 0-9 . _ : -"));
        }
        cases.add(bad("an empty id", with(sample("x"), "id", ""), "id", "is empty"));
        cases.add(bad("an id of 129 characters", with(sample("x"), "id", "a".repeat(129)), "id", "limit of 128", "rhwatch.ingestion.max-id-chars"));
        cases.add(bad("an id of 10000 characters", with(sample("x"), "id", "a".repeat(10_000)), "id", "limit of 128"));
    }

    private static void lengths(List<Hostile> cases) {
        cases.add(bad("a question of 16385 characters", with(sample("long"), "question", "q".repeat(16_385)), "question",
                "16385 characters exceeds the limit of 16384", "rhwatch.ingestion.max-question-chars"));
        cases.add(bad("a 1 MB answer", with(sample("long"), "answer", "a".repeat(1 << 20)), "answer",
                "exceeds the limit of 4096", "rhwatch.ingestion.max-answer-chars"));
        cases.add(bad("an answer of 4097 characters", with(sample("long"), "answer", "a".repeat(4097)), "answer", "limit of 4096"));
        cases.add(bad("a choice of 1025 characters", with(mc(sample("long")), "choices", List.of("a", "c".repeat(1025))), "choices[1]",
                "limit of 1024", "rhwatch.ingestion.max-choice-chars"));
        cases.add(bad("27 choices", with(mc(sample("long")), "choices", letters(27)), "choices", "27 choices exceeds the limit of 26",
                "rhwatch.ingestion.max-choices"));
        cases.add(bad("10000 choices", with(mc(sample("long")), "choices", letters(10_000)), "choices", "limit of 26"));
        cases.add(bad("a source of 257 characters", with(sample("long"), "source", "s".repeat(257)), "source", "limit of 256",
                "rhwatch.ingestion.max-source-chars"));
        cases.add(bad("a task of 65 characters", with(sample("long"), "task", "p".repeat(65)), "task", "limit of 64"));
        cases.add(bad("a question_type of 100000 characters", with(sample("long"), "question_type", "y".repeat(100_000)),
                "question_type", "limit of 64"));
        cases.add(bad("an image_media_type of 100 characters", with(sample("long"), "image_media_type", "i".repeat(100)),
                "image_media_type", "limit of 64"));
        cases.add(bad("a question of 16385 emoji", with(sample("long"), "question", "\uD83D\uDE00".repeat(16_385)), "question",
                "16385 characters exceeds the limit of 16384"));
    }

    private static void controlCharacters(List<Hostile> cases) {
        cases.add(bad("a NUL inside the question", with(sample("ctl"), "question", "Is it\u0000 red?"), "question", "U+0000",
                "only tab, line feed and carriage return"));
        cases.add(bad("a terminal escape in the question", with(sample("ctl"), "question", "\u001b[31mIs it red?"), "question", "U+001B"));
        cases.add(bad("a bell in the answer", with(sample("ctl"), "answer", "yes\u0007"), "answer", "U+0007"));
        cases.add(bad("a C1 control in the question", with(sample("ctl"), "question", "Is it\u0085red?"), "question", "U+0085"));
        cases.add(bad("a NUL in a choice", with(mc(sample("ctl")), "choices", List.of("red", "gr\u0000een")), "choices[1]", "U+0000"));
        cases.add(bad("a line feed in the source", with(sample("ctl"), "source", "bench\nINFO forged"), "source", "single line"));
        cases.add(bad("a carriage return in the source", with(sample("ctl"), "source", "bench\r"), "source", "single line"));
        cases.add(bad("a NUL in the task", with(sample("ctl"), "task", "perception\u0000"), "task", "U+0000"));
    }

    private static void meaning(List<Hostile> cases) {
        cases.add(bad("an unknown task", with(sample("m"), "task", "thinking"), "task", "perception, reasoning"));
        cases.add(bad("an unknown question type", with(sample("m"), "question_type", "essay"), "question_type", "multi_choice"));
        cases.add(bad("multi_choice without choices", mc(without(sample("m"), "choices")), "choices", "at least 2 choices"));
        cases.add(bad("multi_choice with no choices", with(mc(sample("m")), "choices", List.of()), "choices", "at least 2 choices"));
        cases.add(bad("multi_choice with one choice", with(mc(sample("m")), "choices", List.of("red")), "choices", "at least 2 choices"));
        cases.add(bad("multi-choice spelt with a hyphen and no choices", with(without(sample("m"), "choices"), "question_type", "multi-choice"),
                "choices", "at least 2 choices"));
    }

    private static void images(List<Hostile> cases) {
        byte[] png = TestImages.noisePng(8, 8, 62);
        cases.add(bad("an image that is not base64", with(sample("img"), "image", "%%% not base64"), "image", "not valid base64"));
        cases.add(bad("base64 of text", with(sample("img"), "image", TestImages.base64("just text".getBytes())), "image", "not a PNG or JPEG"));
        cases.add(bad("a GIF", with(sample("img"), "image", TestImages.base64("GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1))),
                "image", "not a PNG or JPEG"));
        cases.add(bad("a BMP", with(sample("img"), "image", TestImages.base64("BM\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1))),
                "image", "not a PNG or JPEG"));
        cases.add(bad("base64 of nothing", with(sample("img"), "image", "data:image/png;base64,"), "image", "is empty"));
        cases.add(bad("a data: URL that is not base64", with(sample("img"), "image", "data:image/png,abc"), "image", "data: URL must be base64"));
        cases.add(bad("a data: URL without data", with(sample("img"), "image", "data:image/png;base64"), "image", "data: URL must be base64"));
        cases.add(bad("a truncated PNG", with(sample("img"), "image", TestImages.base64(Arrays.copyOf(png, png.length / 2))), "image",
                "not a readable PNG"));
        cases.add(bad("a PNG signature alone", with(sample("img"), "image", TestImages.base64(Arrays.copyOf(png, 8))), "image",
                "not a readable PNG"));
        cases.add(bad("a PNG cut after its header", with(sample("img"), "image", TestImages.base64(Arrays.copyOf(png, 33))), "image",
                "not a readable PNG"));
        cases.add(bad("a PNG with fewer rows than it declares", with(sample("img"), "image", TestImages.base64(TestImages.zeroPng(64, 64, 8, 2, 10))),
                "image", "not a readable PNG"));
        cases.add(bad("a PNG 0 pixels wide", with(sample("img"), "image", TestImages.base64(TestImages.zeroPng(0, 10, 8, 2, 10))), "image",
                "not a readable PNG"));
        byte[] corrupt = png.clone();
        for (int i = 60; i < corrupt.length - 20; i++) {
            corrupt[i] ^= 0x5A;
        }
        cases.add(bad("a PNG with corrupt pixel data", with(sample("img"), "image", TestImages.base64(corrupt)), "image", "not a readable PNG"));
        byte[] jpeg = TestImages.noiseJpeg(32, 32, 63);
        cases.add(bad("a truncated JPEG", with(sample("img"), "image", TestImages.base64(Arrays.copyOf(jpeg, 40))), "image", "not a readable JPEG"));
        cases.add(bad("a PNG of 100000x100000 pixels", with(sample("img"), "image", TestImages.base64(TestImages.zeroPng(100_000, 100_000, 1, 0, 1))),
                "image", "exceeds the limit of 40000000 pixels", "rhwatch.ingestion.max-image-pixels"));
        cases.add(bad("a 300 KB PNG that decodes to 318 MB", with(sample("img"), "image",
                        TestImages.base64(TestImages.zeroPng(6300, 6300, 16, 6, 6300))), "image",
                "6300x6300 pixels at 64 bits per pixel decode to 317520000 bytes, over the limit of 134217728 bytes",
                "rhwatch.ingestion.max-image-raster-bytes"));
        cases.add(bad("a declared media type that is not the image's", with(sample("img"), "image_media_type", "image/jpeg"),
                "image_media_type", "which is image/png"));
        cases.add(bad("a declared GIF", with(sample("img"), "image_media_type", "image/gif"), "image_media_type", "image/png or image/jpeg"));
        cases.add(bad("an image over 8 MiB", with(sample("img"), "image", TestImages.base64(new byte[8 * 1024 * 1024 + 1])), "image",
                "exceeds the limit of 8388608 bytes", "rhwatch.ingestion.max-image-bytes"));
    }

    private static void http(List<Hostile> cases) {
        byte[] valid = json(sample("http")).getBytes(StandardCharsets.UTF_8);
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            cases.add(new Hostile(method + " /v1/samples", method, "/v1/samples", Map.of("Content-Type", "application/json"),
                    method.equals("GET") || method.equals("DELETE") ? null : valid, false, 405, null, List.of("is not allowed", "POST")));
        }
        cases.add(new Hostile("GET /v1/imports", "GET", "/v1/imports", Map.of(), null, false, 405, null, List.of("not allowed", "POST /v1/imports")));
        cases.add(new Hostile("no Content-Type", "POST", "/v1/samples", Map.of(), valid, false, 415, "Content-Type",
                List.of("Content-Type is missing", "application/json")));
        cases.add(new Hostile("an import without Content-Type", "POST", "/v1/imports", Map.of(), "{\"path\": \"x\"}".getBytes(), false,
                415, "Content-Type", List.of("application/json")));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/octet-stream", "application/json-patch+json")) {
            cases.add(new Hostile("Content-Type " + type, "POST", "/v1/samples", Map.of("Content-Type", type), valid, false, 415,
                    "Content-Type", List.of("is not supported", "application/json")));
        }
        cases.add(new Hostile("an unknown path", "POST", "/v1/sample", Map.of("Content-Type", "application/json"), valid, false, 404, null,
                List.of("no resource at /v1/sample")));
        cases.add(new Hostile("an unknown version", "GET", "/v2/samples", Map.of(), null, false, 404, null, List.of("no resource")));
        cases.add(new Hostile("a body declared over the limit", "POST", "/v1/samples",
                Map.of("Content-Type", "application/json", "Content-Length", "40000000"), new byte[0], false, 413, "body",
                List.of("40000000 bytes exceeds the limit of 33554432 bytes", "quarkus.http.limits.max-body-size")));
        cases.add(new Hostile("a chunked body over the limit", "POST", "/v1/samples", Map.of("Content-Type", "application/json"),
                " ".repeat(33 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII), true, 413, "body", List.of("limit of 33554432 bytes", "quarkus.http.limits.max-body-size")));
    }

    private static void imports(List<Hostile> cases) {
        cases.add(badImport("no path", Map.of(), 400, "path", "is required", IMPORT_ROOT.toString()));
        cases.add(badImport("an empty path", Map.of("path", ""), 400, "path", "is required"));
        cases.add(badImport("/etc/passwd", Map.of("path", "/etc/passwd"), 400, "path", "outside the import root " + IMPORT_ROOT,
                "rhwatch.ingestion.import-root"));
        cases.add(badImport("/proc/self/environ", Map.of("path", "/proc/self/environ"), 400, "path", "outside the import root"));
        cases.add(badImport("a relative way out", Map.of("path", "../../../../../../etc/passwd"), 400, "path", "outside the import root"));
        cases.add(badImport("the root's parent through ..", Map.of("path", IMPORT_ROOT + "/../outside-import-root/secret.jsonl"), 400, "path",
                "outside the import root"));
        cases.add(badImport("a file outside the root", Map.of("path", OUTSIDE.resolve("secret.jsonl").toString()), 400, "path",
                "outside the import root"));
        cases.add(badImport("a NUL in the path", Map.of("path", "/etc/passwd\u0000.jsonl"), 400, "path", "NUL"));
        cases.add(badImport("a NUL inside the root", Map.of("path", FILES + "/a\u0000b.jsonl"), 400, "path", "NUL"));
        cases.add(badImport("a line feed in the path", Map.of("path", "bench\n.jsonl"), 400, "path", "control character"));
        cases.add(badImport("a path of 5000 characters", Map.of("path", "a/".repeat(2500)), 400, "path", "limit of 4096",
                "rhwatch.ingestion.max-path-chars"));
        cases.add(badImport("the root itself", Map.of("path", IMPORT_ROOT.toString()), 400, "path", "not a regular file"));
        cases.add(badImport("a missing file", Map.of("path", FILES.resolve("absent.jsonl").toString()), 400, "path", "does not exist"));
        cases.add(badImport("a link out of the root", Map.of("path", FILES.resolve("link-out.jsonl").toString()), 400, "path",
                "outside the import root"));
        cases.add(badImport("a link to /etc/passwd", Map.of("path", FILES.resolve("link-passwd.jsonl").toString()), 400, "path",
                "outside the import root"));
        cases.add(badImport("a text file", Map.of("path", FILES.resolve("notes.txt").toString()), 400, "path", "is not a dataset",
                "nothing was imported"));
        cases.add(badImport("a binary file", Map.of("path", FILES.resolve("picture.png").toString()), 400, "path", "not UTF-8"));
        cases.add(badImport("a broken JSON array", Map.of("path", FILES.resolve("broken.json").toString()), 400, "path",
                "not a valid JSON array", "line 1"));
        cases.add(badImport("an empty file", Map.of("path", FILES.resolve("empty.jsonl").toString()), 400, "path", "is empty"));
        cases.add(badImport("a file of blank lines", Map.of("path", FILES.resolve("blank.jsonl").toString()), 400, "path", "no records"));
        cases.add(badImport("a file over 16 MiB", Map.of("path", FILES.resolve("huge.jsonl").toString()), 400, "path",
                "limit of 16777216 bytes", "rhwatch.ingestion.max-import-file-bytes"));
        cases.add(badImport("an image outside the root", Map.of("path", FILES.resolve("image-out.jsonl").toString()), 400, "image",
                "outside the import root"));
        cases.add(badImport("an image through ..", Map.of("path", FILES.resolve("image-dots.jsonl").toString()), 400, "image",
                "outside the import root"));
        cases.add(badImport("an unknown task", Map.of("path", "x.jsonl", "task", "thinking"), 400, "task", "perception, reasoning"));
        cases.add(badImport("a source with a line break", Map.of("path", "x.jsonl", "source", "a\nb"), 400, "source", "single line"));
        cases.add(badImport("a source of 300 characters", Map.of("path", "x.jsonl", "source", "s".repeat(300)), 400, "source", "limit of 256"));
        cases.add(new Hostile("an import that is not JSON", "POST", "/v1/imports", Map.of("Content-Type", "application/json"),
                "path=/etc/passwd".getBytes(), false, 400, "body", List.of("not valid JSON")));
        cases.add(new Hostile("an import with text after it", "POST", "/v1/imports", Map.of("Content-Type", "application/json"),
                "{\"path\": \"x\"} {\"path\": \"/etc/passwd\"}".getBytes(), false, 400, "body", List.of("more after its JSON value")));
    }

    @Order(4)
    @Test
    void everyValidSampleIsAcceptedAndReachesTheTopic() {
        List<Map<String, Object>> valid = new ArrayList<>();
        valid.add(with(sample("edge-id"), "id", "A".repeat(64) + "z09._:-".repeat(9) + "x"));
        valid.add(with(sample("edge-punct"), "id", "a.b_c:d-e"));
        valid.add(with(sample("edge-unicode"), "question", "这个方块是红色的吗？ \uD83D\uDFE5\tIs the square red?\nAnswer yes or no."));
        valid.add(with(sample("edge-rtl"), "question", "\u200Fهل المربع أحمر؟"));
        valid.add(with(mc(sample("edge-26")), "choices", Collections.nCopies(26, "c".repeat(1024))));
        valid.add(with(sample("edge-answer"), "answer", "a".repeat(4096)));
        valid.add(with(sample("edge-question"), "question", "q".repeat(16_384)));
        valid.add(with(mc(sample("edge-2")), "choices", List.of("red", "green")));
        valid.add(with(with(sample("edge-jpeg"), "image", "data:image/jpeg;base64," + JPEG), "image_media_type", "image/jpg"));
        valid.add(with(sample("edge-unlabelled"), "answer", ""));
        valid.add(with(sample("edge-source"), "source", "s".repeat(256)));
        valid.add(with(sample("edge-emoji"), "question", "\uD83D\uDE00".repeat(16_384)));
        for (Map<String, Object> body : valid) {
            String id = IngestionRequests.postSample(body).then().statusCode(202).extract().path("accepted[0]");
            assertThat(id).isEqualTo(body.get("id"));
            ACCEPTED.add(id);
        }

        Map<String, Sample> written = TopicProbe.read("rh.samples", Duration.ofSeconds(60),
                        records -> records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(ACCEPTED))
                .stream().filter(r -> ACCEPTED.contains(r.key()))
                .collect(Collectors.toMap(ConsumerRecord::key, r -> parse(r.value()), (a, b) -> b));
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(ACCEPTED);
        assertThat(written.get("edge-26").getChoicesCount()).isEqualTo(26);
        assertThat(written.get("edge-jpeg").getImage().getMediaType()).isEqualTo("image/jpeg");
        assertThat(written.get("edge-unlabelled").getAnswer()).isEmpty();
    }

    @Order(2)
    @Test
    void aDatasetsBadRecordsAreRejectedByFieldWithoutQuotingTheFile() throws Exception {
        Path dir = IngestionRequests.datasetDirectory("hostile-records");
        Files.write(dir.resolve("a.png"), TestImages.noisePng(8, 8, 66));
        String good = "{\"id\": \"records-ok\", \"task\": \"perception\", \"question_type\": \"yes_no\", "
                + "\"question\": \"Is it red?\", \"answer\": \"no\", \"image\": \"a.png\"";
        Files.writeString(dir.resolve("bench.jsonl"), String.join("\n",
                good + "}",
                good.replace("records-ok", "records-typo").replace("\"answer\"", "\"anwser\"") + "}",
                good.replace("records-ok", "records-number").replace("\"no\"", "42") + "}",
                "{\"id\": \"" + SECRET + "\", " + SECRET + "}",
                good.replace("records-ok", "records-twice") + ", \"question\": \"" + SECRET + "\"}",
                good.replace("records-ok", "records-nul").replace("a.png", "a.png\\u0000.txt") + "}",
                good.replace("records-ok", "records-dir").replace("a.png", ".") + "}",
                good.replace("records-ok", "records-two") + "} {}"));

        String answer = IngestionRequests.postImport(Map.of("path", dir.resolve("bench.jsonl").toString()))
                .then().statusCode(202).extract().asString();

        JsonNode result = JSON.readTree(answer);
        assertThat(result.path("ids").toString()).isEqualTo("[\"records-ok\"]");
        Map<Integer, String> fields = new LinkedHashMap<>();
        result.path("rejected").forEach(r -> fields.put(r.path("index").asInt(), r.path("field").asText()));
        assertThat(fields).containsExactly(Map.entry(1, "anwser"), Map.entry(2, "answer"), Map.entry(3, "record"),
                Map.entry(4, "question"), Map.entry(5, "image"), Map.entry(6, "image"), Map.entry(7, "record"));
        assertThat(answer).contains("did you mean 'answer'?").doesNotContain(SECRET);
        ACCEPTED.add("records-ok");
    }

    @Order(3)
    @Test
    void theServiceIsHealthyAfterwards() {
        // ready once the ledger has been read and the traffic consumer has joined its group (503 until then)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> request().when().get("/q/health/ready").then().statusCode(200));
        IngestionRequests.postSample(sample("after-all")).then().statusCode(202);
    }

    // ---- building the cases ----

    private static Hostile bad(String name, Map<String, Object> body, String field, String... mentions) {
        return bad(name, json(body).getBytes(StandardCharsets.UTF_8), field, mentions);
    }

    private static Hostile bad(String name, byte[] body, String field, String... mentions) {
        return new Hostile(name, "POST", "/v1/samples", Map.of("Content-Type", "application/json"), body, false, 400, field,
                List.of(mentions));
    }

    private static Hostile badText(String name, String body, String field, String... mentions) {
        return bad(name, body.getBytes(StandardCharsets.UTF_8), field, mentions);
    }

    private static Hostile badImport(String name, Map<String, Object> body, int status, String field, String... mentions) {
        return new Hostile(name, "POST", "/v1/imports", Map.of("Content-Type", "application/json"),
                json(body).getBytes(StandardCharsets.UTF_8), false, status, field, List.of(mentions));
    }

    private static Map<String, Object> sample(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("task", "perception");
        body.put("question_type", "yes_no");
        body.put("question", "Is the square red?");
        body.put("answer", "yes");
        body.put("image", PNG);
        return body;
    }

    private static Map<String, Object> mc(Map<String, Object> body) {
        body.put("question_type", "multi_choice");
        body.put("answer", "A");
        return body;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static Sample parse(byte[] value) {
        try {
            return Sample.parseFrom(value);
        } catch (IOException e) {
            throw new AssertionError("not a Sample", e);
        }
    }

    /** The files the import cases point at, each holding the secret an answer must never repeat. */
    private static void writeFiles() throws IOException {
        Files.createDirectories(FILES);
        Files.createDirectories(OUTSIDE);
        Files.writeString(OUTSIDE.resolve("secret.jsonl"), "{\"id\": \"" + SECRET + "\"}\n");
        Files.write(OUTSIDE.resolve("secret.png"), TestImages.noisePng(8, 8, 64));
        link(FILES.resolve("link-out.jsonl"), OUTSIDE.resolve("secret.jsonl"));
        link(FILES.resolve("link-passwd.jsonl"), Path.of("/etc/passwd"));
        Files.writeString(FILES.resolve("notes.txt"), SECRET + " root:x:0:0:root:/root:/bin/bash\n" + SECRET + "\n");
        Files.write(FILES.resolve("picture.png"), concat(TestImages.noisePng(4, 4, 65), SECRET.getBytes(), new byte[]{(byte) 0xFF, (byte) 0xFE}));
        Files.writeString(FILES.resolve("broken.json"), "[{\"id\": \"" + SECRET + "\", " + SECRET + "]");
        Files.write(FILES.resolve("empty.jsonl"), new byte[0]);
        Files.writeString(FILES.resolve("blank.jsonl"), "\n   \n\t\n");
        Files.write(FILES.resolve("huge.jsonl"), new byte[16 * 1024 * 1024 + 1]);
        String record = "{\"id\": \"%s\", \"task\": \"perception\", \"question_type\": \"yes_no\", \"question\": \"Is it red?\", "
                + "\"answer\": \"no\", \"image\": \"%s\"}";
        Files.writeString(FILES.resolve("image-out.jsonl"), String.format(record, "img-out", OUTSIDE.resolve("secret.png")));
        Files.writeString(FILES.resolve("image-dots.jsonl"), String.format(record, "img-dots", "../../outside-import-root/secret.png"));
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
