package io.rhwatch.judge.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.judge.messaging.JudgeKafkaResource;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.testsupport.GrafanaDashboard;
import io.rhwatch.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the Grafana dashboard asks of the judge is exported by the running judge. */
@QuarkusTest
@QuarkusTestResource(JudgeKafkaResource.class)
class DashboardMetricsTest {

    @Test
    void theDashboardsJudgeMetricsAreExported() {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("judge");
        assertThat(wanted).contains("rhwatch_judge_verdicts_total", "rhwatch_dead_letters_total",
                "kafka_consumer_fetch_manager_records_lag_max");

        String run = UUID.randomUUID().toString().substring(0, 8);
        String model = "metrics-" + run;
        String probe = run + "|" + model + "|clean";
        Response response = Response.newBuilder().setResponseId(probe + "|0").setProbeId(probe)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(run)
                        .setQuestionType(QuestionType.QUESTION_TYPE_NUMERIC)
                        .setGroundTruth("12"))
                .setModel(model).setOutput("**Answer:** 12")
                .build();
        TopicProbe.send("rh.responses", probe, response.toByteArray());
        TopicProbe.send("rh.responses", "garbage-" + run, "not a response".getBytes(StandardCharsets.UTF_8));

        // Kafka client metrics reach Micrometer on its refresh (every 60 s), not at once.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, wanted)).as("queried by the dashboard, not exported").isEmpty();
            assertThat(exposition).containsPattern("rhwatch_judge_verdicts_total\\{method=\"rule:[a-z_]+\",model=\"" + model
                    + "\",verdict=\"correct\"}");
        });
    }
}
