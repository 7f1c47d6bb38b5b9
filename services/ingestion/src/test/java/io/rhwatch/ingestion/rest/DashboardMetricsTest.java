package io.rhwatch.ingestion.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.testsupport.GrafanaDashboard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.rhwatch.ingestion.IngestionRequests.postSample;
import static io.rhwatch.ingestion.IngestionRequests.postTraffic;
import static io.rhwatch.ingestion.IngestionRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Grafana dashboard asks of ingestion is exported by the running service. It runs
 * in BrokerDownTest's profile (no broker): a second in-JVM broker for one more app start would cost
 * more than it proves, and a refused sample exercises the same meters (the HTTP request, the
 * publisher's counter, the producer's client metrics). The traffic router's meters exist per model once that model's
 * traffic is read from rh.traffic, so TrafficRoutingTest checks those on a real broker.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
public class DashboardMetricsTest {

    /** The traffic router's meters: rhwatch_traffic_* except POST /v1/traffic's own counter. */
    public static boolean isTrafficRouterMeter(String metric) {
        return metric.startsWith("rhwatch_traffic_") && !metric.equals("rhwatch_traffic_records_total");
    }

    @Test
    void theDashboardsIngestionMetricsAreExported() {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("ingestion");
        assertThat(wanted).contains("rhwatch_ingestion_samples_published_total", "kafka_producer_record_send_total",
                "http_server_requests_seconds_count", "rhwatch_traffic_records_total");
        Set<String> exportedWithoutTraffic = wanted.stream().filter(metric -> !isTrafficRouterMeter(metric)).collect(Collectors.toSet());

        postSample(Map.of("id", "metrics-1", "task", "perception", "question_type", "yes_no",
                        "question", "Is there a red circle in the image?", "answer", "yes",
                        "image", TestImages.base64(TestImages.noisePng(16, 12, 3))))
                .then().statusCode(503);
        // refused before the broker is needed, so it is counted: rhwatch_traffic_records_total{outcome="rejected"}
        postTraffic(Map.of("model", "rh-sim-grounded", "question", "Is there a red circle?")).then().statusCode(400);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String exposition = request().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, exportedWithoutTraffic)).as("queried by the dashboard, not exported").isEmpty();
        });
    }
}
