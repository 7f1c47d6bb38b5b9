package io.rhwatch.ingestion.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.ingestion.ledger.AcceptedLedger;
import io.rhwatch.proto.v1.AcceptedSample;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.rhwatch.ingestion.IngestionRequests.datasetDirectory;
import static io.rhwatch.ingestion.IngestionRequests.postImport;
import static io.rhwatch.ingestion.IngestionRequests.postSample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A sample sent again in its epoch is answered as a duplicate and not written again; in a new epoch it is written, to be
 * evaluated again. The memory of accepted samples is rh.ingested, which every replica follows: what another replica (or
 * this one before a restart) accepted counts as accepted.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class DuplicateSamplesTest {

    @Inject
    AcceptedLedger ledger;

    private static final String SAMPLES = "rh.samples";
    private static final String INGESTED = "rh.ingested";

    @Test
    void aSampleSentAgainIsADuplicateUntilItsEpochIsRaised() throws Exception {
        Map<String, Object> body = sample("dup-1", 41);

        postSample(body)
                .then().statusCode(202).body("accepted", equalTo(List.of("dup-1"))).body("epoch", equalTo(0))
                .body("duplicate", equalTo(false));
        postSample(body)
                .then().statusCode(200).body("accepted", equalTo(List.of("dup-1"))).body("epoch", equalTo(0))
                .body("duplicate", equalTo(true));
        assertThat(samplesKeyed("dup-1")).extracting(Sample::getEpoch).containsExactly(0);

        body.put("epoch", 1);
        postSample(body)
                .then().statusCode(202).body("epoch", equalTo(1)).body("duplicate", equalTo(false));
        postSample(body)
                .then().statusCode(200).body("duplicate", equalTo(true));
        assertThat(samplesKeyed("dup-1")).extracting(Sample::getEpoch).containsExactly(0, 1);

        // Keyed "dup-1" and "dup-1|e1": two partitions, no order between them.
        List<AcceptedSample> recorded = TopicProbe.read(INGESTED, Duration.ofSeconds(30),
                        records -> records.stream().filter(record -> record.key().startsWith("dup-1")).count() >= 2).stream()
                .filter(record -> record.key().startsWith("dup-1")).map(DuplicateSamplesTest::accepted).toList();
        assertThat(recorded).extracting(AcceptedSample::getSampleId, AcceptedSample::getEpoch)
                .containsExactlyInAnyOrder(tuple("dup-1", 0), tuple("dup-1", 1));
    }

    /** As after a restart, or on another replica: the acceptance is known only from rh.ingested. */
    @Test
    void aSampleAnotherReplicaAcceptedIsADuplicateHere() throws Exception {
        TopicProbe.send(INGESTED, "elsewhere-1|e3", AcceptedSample.newBuilder()
                .setSampleId("elsewhere-1").setEpoch(3).setAcceptedAtMs(System.currentTimeMillis()).build().toByteArray());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ledger.acceptedAt("elsewhere-1|e3").isEmpty()) {
            assertThat(System.nanoTime()).as("the ledger follows rh.ingested within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        Map<String, Object> body = sample("elsewhere-1", 42);
        body.put("epoch", 3);

        postSample(body)
                .then().statusCode(200).body("duplicate", equalTo(true)).body("epoch", equalTo(3));
        assertThat(samplesKeyed("elsewhere-1")).as("samples written again").isEmpty();
    }

    @Test
    void anImportAgainReportsItsDuplicatesAndAnImportInANewEpochWritesThem() throws Exception {
        Path dir = datasetDirectory("duplicates");
        Files.write(dir.resolve("a.png"), TestImages.noisePng(10, 10, 43));
        String line = "{\"id\": \"%s\", \"task\": \"perception\", \"question_type\": \"yes_no\", \"question\": \"Is it red?\", "
                + "\"answer\": \"no\", \"image\": \"a.png\"}";
        Files.writeString(dir.resolve("bench.jsonl"), String.format(line, "dup-imp-1") + "\n" + String.format(line, "dup-imp-2"));
        String path = dir.resolve("bench.jsonl").toString();

        postImport(Map.of("path", path))
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(List.of()));
        postImport(Map.of("path", path))
                .then().statusCode(202).body("accepted", equalTo(0)).body("ids", equalTo(List.of()))
                .body("duplicates", equalTo(List.of("dup-imp-1", "dup-imp-2")));
        postImport(Map.of("path", path, "epoch", 2))
                .then().statusCode(202).body("accepted", equalTo(2)).body("ids", equalTo(List.of("dup-imp-1", "dup-imp-2")))
                .body("duplicates", equalTo(List.of()));

        assertThat(samplesKeyed("dup-imp-1")).extracting(Sample::getEpoch).containsExactly(0, 2);
        assertThat(samplesKeyed("dup-imp-2")).extracting(Sample::getEpoch).containsExactly(0, 2);
    }

    @Test
    void aNegativeEpochIsRefusedNamingTheField() throws Exception {
        Map<String, Object> body = sample("neg-1", 44);
        body.put("epoch", -1);
        postSample(body)
                .then().statusCode(400).body("field", equalTo("epoch")).body("error", containsString("below 0"));
        postImport(Map.of("path", "/nowhere.jsonl", "epoch", -2))
                .then().statusCode(400).body("field", equalTo("epoch"));
    }

    @Test
    void readinessWaitsForTheLedger() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'accepted-samples ledger (rh.ingested)' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'accepted-samples ledger (rh.ingested)' }.data", nullValue());
    }

    private static Map<String, Object> sample(String id, int seed) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("task", "perception");
        body.put("question_type", "yes_no");
        body.put("question", "Is the square red?");
        body.put("answer", "no");
        body.put("image", TestImages.base64(TestImages.noisePng(8, 8, seed)));
        return body;
    }

    /** Every record keyed {@code key} on rh.samples, to the end of the topic, in order. */
    private static List<Sample> samplesKeyed(String key) throws Exception {
        List<Sample> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicProbe.readToEnd(SAMPLES, key)) {
            found.add(Sample.parseFrom(record.value()));
        }
        return found;
    }

    private static AcceptedSample accepted(ConsumerRecord<String, byte[]> record) {
        try {
            return AcceptedSample.parseFrom(record.value());
        } catch (Exception e) {
            throw new AssertionError("not an AcceptedSample: " + record.key(), e);
        }
    }
}
