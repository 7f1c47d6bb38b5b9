package io.rhwatch.ingestion.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.ingestion.ledger.AcceptedLedger;
import io.rhwatch.ingestion.ledger.Admission;
import io.rhwatch.proto.v1.AcceptedSample;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficRecord;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.rhwatch.ingestion.IngestionRequests.postTraffic;
import static io.rhwatch.ingestion.IngestionRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code POST /v1/traffic} on a real broker: a record, and a batch, reach rh.traffic as TrafficRecords keyed by request
 * id, answered only once the broker holds them; a request id sent again is a duplicate, answered 200 and not written
 * again, also when another replica (or this one before a restart) accepted it; a new request id is new traffic even for
 * the same image and question.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class TrafficResourceTest {

    private static final String TRAFFIC = "rh.traffic";
    private static final byte[] PNG = TestImages.noisePng(12, 9, 70);

    @Inject
    AcceptedLedger ledger;

    @Test
    void aRecordReachesTheTopicWithEveryField() throws Exception {
        Map<String, Object> body = record("t-single-1", "rh-sim-steady");
        body.put("timestamp_ms", 1_700_000_000_000L);
        body.put("model_version", "2024-06-01");
        body.put("choices", List.of("red", "green"));
        body.put("question_type", "multi_choice");
        body.put("task", "perception");
        body.put("answer", "A");
        body.put("served_output", "The square is red. (A)");
        body.put("served_reasoning_tokens", 412);
        body.put("source", "checkout-service");

        postTraffic(body).then().statusCode(202)
                .body("accepted", equalTo(List.of("t-single-1"))).body("duplicate", equalTo(false));

        List<TrafficRecord> written = trafficKeyed("t-single-1");
        assertThat(written).hasSize(1);
        TrafficRecord record = written.get(0);
        assertThat(record.getRequestId()).isEqualTo("t-single-1");
        assertThat(record.getTimestampMs()).isEqualTo(1_700_000_000_000L);
        assertThat(record.getModel()).isEqualTo("rh-sim-steady");
        assertThat(record.getModelVersion()).isEqualTo("2024-06-01");
        assertThat(record.getQuestion()).isEqualTo("What colour is the square?");
        assertThat(record.getChoicesList()).containsExactly("red", "green");
        assertThat(record.getTask()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(record.getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(record.getAnswer()).isEqualTo("A");
        assertThat(record.getServedOutput()).isEqualTo("The square is red. (A)");
        assertThat(record.hasServedReasoningTokens()).isTrue();
        assertThat(record.getServedReasoningTokens()).isEqualTo(412);
        assertThat(record.getSource()).isEqualTo("checkout-service");
        assertThat(record.getImage().getData().toByteArray()).isEqualTo(PNG);
        assertThat(record.getImage().getMediaType()).isEqualTo("image/png");
        assertThat(record.getImage().getWidth()).isEqualTo(12);
        assertThat(record.getImage().getHeight()).isEqualTo(9);
    }

    @Test
    void whatALeanRecordLeavesOutIsLeftUnsetOrTakenFromTheServer() throws Exception {
        long before = System.currentTimeMillis();
        postTraffic(record("t-lean-1", "rh-sim-drifty")).then().statusCode(202).body("duplicate", equalTo(false));

        TrafficRecord record = trafficKeyed("t-lean-1").get(0);
        assertThat(record.getTimestampMs()).as("received at").isBetween(before, System.currentTimeMillis());
        assertThat(record.getTask()).isEqualTo(Task.TASK_UNSPECIFIED);
        assertThat(record.getAnswer()).isEmpty();
        assertThat(record.getServedOutput()).isEmpty();
        assertThat(record.hasServedReasoningTokens()).as("no observed length").isFalse();
        assertThat(record.getModelVersion()).isEmpty();
    }

    @Test
    void aBatchReachesTheTopicAndSaysWhichRecordsWereDuplicates() throws Exception {
        postTraffic(record("t-batch-0", "rh-sim-steady")).then().statusCode(202);
        List<Map<String, Object>> records = List.of(
                record("t-batch-1", "rh-sim-steady"),
                record("t-batch-0", "rh-sim-steady"),
                record("t-batch-2", "rh-sim-drifty"),
                record("t-batch-1", "rh-sim-steady"));

        postTraffic(Map.of("records", records)).then().statusCode(202)
                .body("accepted", equalTo(List.of("t-batch-1", "t-batch-0", "t-batch-2", "t-batch-1")))
                .body("records.request_id", equalTo(List.of("t-batch-1", "t-batch-0", "t-batch-2", "t-batch-1")))
                .body("records.duplicate", equalTo(List.of(false, true, false, true)))
                .body("duplicate", nullValue());

        assertThat(trafficKeyed("t-batch-0")).hasSize(1);
        assertThat(trafficKeyed("t-batch-1")).hasSize(1);
        assertThat(trafficKeyed("t-batch-2")).extracting(TrafficRecord::getModel).containsExactly("rh-sim-drifty");

        postTraffic(Map.of("records", records)).then().statusCode(200)
                .body("records.duplicate", equalTo(List.of(true, true, true, true)));
        assertThat(trafficKeyed("t-batch-1")).as("written again").hasSize(1);
    }

    @Test
    void aRequestIdSentAgainIsADuplicateAndANewOneIsNewTrafficForTheSameImageAndQuestion() throws Exception {
        postTraffic(record("t-dup-1", "rh-sim-steady")).then().statusCode(202).body("duplicate", equalTo(false));
        postTraffic(record("t-dup-1", "rh-sim-steady")).then().statusCode(200)
                .body("accepted", equalTo(List.of("t-dup-1"))).body("duplicate", equalTo(true));
        postTraffic(record("t-dup-2", "rh-sim-steady")).then().statusCode(202).body("duplicate", equalTo(false));

        assertThat(trafficKeyed("t-dup-1")).as("written again").hasSize(1);
        assertThat(trafficKeyed("t-dup-2")).hasSize(1);
        List<ConsumerRecord<String, byte[]>> ledgerRecords = TopicProbe.read("rh.ingested", Duration.ofSeconds(30),
                records -> records.stream().anyMatch(r -> r.key().equals("traffic/t-dup-1")));
        assertThat(ledgerRecords).extracting(ConsumerRecord::key).contains("traffic/t-dup-1").doesNotContain("t-dup-1");
    }

    /** As after a restart, or on another replica: the acceptance is known only from rh.ingested. */
    @Test
    void aRequestIdAnotherReplicaAcceptedIsADuplicateHere() throws Exception {
        String key = Admission.trafficKey("t-elsewhere-1");
        TopicProbe.send("rh.ingested", key, AcceptedSample.newBuilder().setAcceptedAtMs(System.currentTimeMillis()).build().toByteArray());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ledger.acceptedAt(key).isEmpty()) {
            assertThat(System.nanoTime()).as("the ledger follows rh.ingested within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }

        postTraffic(record("t-elsewhere-1", "rh-sim-steady")).then().statusCode(200).body("duplicate", equalTo(true));
        assertThat(trafficKeyed("t-elsewhere-1")).as("written again").isEmpty();
    }

    /** A traffic request id and a sample id of the same text are different things: neither is the other's duplicate. */
    @Test
    void aTrafficRequestIdIsNotASampleId() {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("id", "t-shared-1");
        sample.put("task", "perception");
        sample.put("question_type", "yes_no");
        sample.put("question", "Is the square red?");
        sample.put("image", TestImages.base64(PNG));
        request().contentType("application/json").body(sample).post("/v1/samples").then().statusCode(202);

        postTraffic(record("t-shared-1", "rh-sim-steady")).then().statusCode(202).body("duplicate", equalTo(false));
    }

    @Test
    void trafficNeedsTheToken() {
        given().contentType("application/json").body(record("t-anonymous-1", "rh-sim-steady")).post("/v1/traffic")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("field", equalTo("Authorization"));
    }

    @Test
    void recordsAreCountedByModelAndOutcome() {
        postTraffic(record("t-metric-1", "metric-model")).then().statusCode(202);
        postTraffic(record("t-metric-1", "metric-model")).then().statusCode(200);
        Map<String, Object> versioned = record("t-metric-2", "metric-model");
        versioned.put("model_version", "v2");
        postTraffic(Map.of("records", List.of(versioned))).then().statusCode(202);
        postTraffic(Map.of("records", List.of(record("t-metric-3", "metric-model"), without(record("t-metric-4", "metric-model"), "question"))))
                .then().statusCode(400).body("field", equalTo("records[1].question"));

        String metrics = request().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("rhwatch_traffic_records_total{model=\"metric-model\",outcome=\"accepted\"} 1.0")
                .contains("rhwatch_traffic_records_total{model=\"metric-model\",outcome=\"duplicate\"} 1.0")
                .contains("rhwatch_traffic_records_total{model=\"metric-model@v2\",outcome=\"accepted\"} 1.0")
                .contains("rhwatch_traffic_records_total{model=\"metric-model\",outcome=\"rejected\"} 2.0");
    }

    private static Map<String, Object> record(String requestId, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", requestId);
        body.put("model", model);
        body.put("question", "What colour is the square?");
        body.put("question_type", "free_form");
        body.put("image", TestImages.base64(PNG));
        return body;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        body.remove(field);
        return body;
    }

    /** Every record keyed {@code key} on rh.traffic, to the end of the topic, in order. */
    private static List<TrafficRecord> trafficKeyed(String key) throws Exception {
        List<TrafficRecord> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicProbe.readToEnd(TRAFFIC, key)) {
            found.add(TrafficRecord.parseFrom(record.value()));
        }
        return found;
    }
}
