package io.rhwatch.corruption.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.corruption.TestSamples;
import io.rhwatch.proto.v1.Sample;
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

/** Every metric the Grafana dashboard asks of the corruption service is exported by the running service. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class DashboardMetricsTest {

    @Test
    void theDashboardsCorruptionMetricsAreExported() {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("corruption");
        assertThat(wanted).contains("rhwatch_records_processing_seconds_count", "rhwatch_dead_letters_total");

        String run = UUID.randomUUID().toString().substring(0, 8);
        Sample sample = TestSamples.sample("metrics-" + run, 32, 24, 5);
        TopicProbe.send("rh.samples", sample.getSampleId(), sample.toByteArray());
        TopicProbe.send("rh.samples", "garbage-" + run, new byte[]{0, 1, 2, 3});

        // Kafka client metrics reach Micrometer on its refresh (every 60 s), not at once.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, wanted)).as("queried by the dashboard, not exported").isEmpty();
        });
    }
}
