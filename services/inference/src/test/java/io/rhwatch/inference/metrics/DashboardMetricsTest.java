package io.rhwatch.inference.metrics;

import com.google.protobuf.ByteString;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.inference.fake.FakeTriton;
import io.rhwatch.inference.fake.FakeTritonResource;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.testsupport.GrafanaDashboard;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the Grafana dashboard asks of inference is exported by the running service (against the fake Triton). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = FakeTritonResource.class, restrictToAnnotatedClass = true)
class DashboardMetricsTest {

    @Test
    void theDashboardsInferenceMetricsAreExported() {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("inference");
        assertThat(wanted).contains("rhwatch_inference_triton_requests_total", "rhwatch_dead_letters_total");

        String sample = "metrics-" + UUID.randomUUID();
        Probe probe = Probe.newBuilder().setProbeId(sample + "|" + FakeTriton.MODEL + "|clean")
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sample)
                        .setTask(Task.TASK_PERCEPTION)
                        .setQuestionType(QuestionType.QUESTION_TYPE_MULTI_CHOICE)
                        .addChoices("circle")
                        .addChoices("square")
                        .setGroundTruth("B"))
                .setModel(FakeTriton.MODEL)
                .setQuestion("Which shape is red?")
                .setImage(Image.newBuilder().setData(ByteString.copyFrom(new byte[]{(byte) 0x89, 'P', 'N', 'G'})).setMediaType("image/png"))
                .addBudgets(0).addBudgets(4)
                .build();
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());
        TopicProbe.send("rh.probes", "garbage-" + sample, new byte[]{0, 1, 2, 3});

        // Kafka client metrics reach Micrometer on its refresh (every 60 s), not at once.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, wanted)).as("queried by the dashboard, not exported").isEmpty();
        });
    }
}
