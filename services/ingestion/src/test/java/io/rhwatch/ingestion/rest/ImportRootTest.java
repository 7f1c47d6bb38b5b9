package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.ingestion.IngestionRequests;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.testsupport.KafkaBrokerResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.rhwatch.ingestion.IngestionRequests.postImport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Imports read nothing outside rhwatch.ingestion.import-root: not the file, not an image it names. The
 * producer here takes no record over 64 KiB, so one large image fails its write while the others go through.
 */
@QuarkusTest
@TestProfile(ImportRootTest.SmallRecords.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class ImportRootTest {

    /** The test profile's import root (application.properties). */
    static final Path ROOT = IngestionRequests.IMPORT_ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORD_BYTES = 64 * 1024;

    public static class SmallRecords implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.samples.max.request.size", String.valueOf(MAX_RECORD_BYTES));
        }
    }

    @BeforeAll
    static void createRoot() throws Exception {
        Files.createDirectories(ROOT.resolve("images"));
        Files.write(ROOT.resolve("images/in.png"), TestImages.noisePng(10, 10, 40));
    }

    @Test
    void aDatasetAndImagesInsideTheRootAreImported() throws Exception {
        Path dataset = Files.writeString(ROOT.resolve("inside.jsonl"), line("root-in", "images/in.png"));

        postImport(Map.of("path", dataset.toString()))
                .then().statusCode(202)
                .body("ids", equalTo(List.of("root-in")));
    }

    @Test
    void aDatasetOutsideTheRootIsRefusedNamingThePath(@TempDir Path elsewhere) throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("outside.jsonl"), line("root-out", "in.png"));
        assertPathRefused(outside.toString());
        // normalised first: a way out through ".." is still outside
        Files.writeString(ROOT.resolveSibling("escaped.jsonl"), line("root-dots", "import-root/images/in.png"));
        assertPathRefused(ROOT + "/../escaped.jsonl");
    }

    @Test
    void aSymbolicLinkOutOfTheRootIsRefused(@TempDir Path elsewhere) throws Exception {
        Path target = Files.writeString(elsewhere.resolve("linked.jsonl"), line("root-link", "in.png"));
        Path link = ROOT.resolve("link.jsonl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        assertPathRefused(link.toString());
    }

    @Test
    void anImageOutsideTheRootRefusesTheWholeImport(@TempDir Path elsewhere) throws Exception {
        Files.write(elsewhere.resolve("secret.png"), TestImages.noisePng(10, 10, 41));
        Path dataset = Files.writeString(ROOT.resolve("reaching.jsonl"), String.join("\n",
                line("root-fine", "images/in.png"),
                line("root-reach", elsewhere.resolve("secret.png").toString())));

        postImport(Map.of("path", dataset.toString()))
                .then().statusCode(400)
                .body("field", equalTo("image"))
                .body("error", containsString("record 1 (id root-reach)"))
                .body("error", containsString("outside the import root"));
    }

    @Test
    void anImportTheBrokerRefusesMidwayListsTheWrittenIdsAndTheFailedIndex() throws Exception {
        Files.write(ROOT.resolve("images/large.png"), TestImages.noisePng(256, 256, 42));
        assertThat(Files.size(ROOT.resolve("images/large.png"))).isGreaterThan(MAX_RECORD_BYTES);
        Path dataset = Files.writeString(ROOT.resolve("midway.jsonl"), String.join("\n",
                line("midway-1", "images/in.png"),
                line("midway-2", "images/in.png"),
                line("midway-large", "images/large.png"),
                line("midway-4", "images/in.png")));

        postImport(Map.of("path", dataset.toString()))
                .then().statusCode(503)
                .body("error", containsString("record 2 (midway-large) was not acknowledged after 2 acknowledged writes"))
                .body("acknowledged_ids", equalTo(List.of("midway-1", "midway-2")))
                .body("failed_index", equalTo(2))
                .body("failed_id", equalTo("midway-large"));
    }

    private static void assertPathRefused(String path) {
        postImport(Map.of("path", path))
                .then().statusCode(400)
                .body("field", equalTo("path"))
                .body("error", containsString("outside the import root " + ROOT))
                .body("error", containsString("rhwatch.ingestion.import-root"));
    }

    private static String line(String id, String image) throws Exception {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("task", "perception");
        record.put("question", "How many circles are there? Answer with a number.");
        record.put("image", image);
        record.put("answer", "4");
        record.put("question_type", "numeric");
        return JSON.writeValueAsString(record);
    }
}
