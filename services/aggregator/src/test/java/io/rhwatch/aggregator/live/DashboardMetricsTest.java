package io.rhwatch.aggregator.live;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.aggregator.rest.AggregatorKafkaResource;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.GrafanaDashboard;
import io.rhwatch.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the Grafana dashboard asks of the aggregator is exported by the running aggregator. */
@QuarkusTest
@QuarkusTestResource(AggregatorKafkaResource.class)
class DashboardMetricsTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theDashboardsAggregatorMetricsAreExported() {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("aggregator");
        assertThat(wanted).contains("rhwatch_model_rh_auc", "rhwatch_model_rh_auc_ci_low", "rhwatch_dead_letters_total",
                "rhwatch_label_free_rh_auc", "rhwatch_grounding");

        String model = "metrics-" + run;
        for (int budget : new int[]{0, 100}) {
            for (Task task : new Task[]{Task.TASK_PERCEPTION, Task.TASK_REASONING}) {
                for (Verdict verdict : new Verdict[]{Verdict.VERDICT_CORRECT, Verdict.VERDICT_INCORRECT}) {
                    Judgment judgment = Judgment.newBuilder().setJudgmentId(run + budget + task + verdict).setModel(model)
                            .setSample(SampleRef.newBuilder().setTask(task)).setBudget(budget)
                            .setVerdict(verdict).setJudgedAtMs(System.currentTimeMillis()).build();
                    TopicProbe.send(TopologyProducer.JUDGMENTS_TOPIC, model, judgment.toByteArray());
                }
            }
        }
        // An unlabelled clean answer and its blank-image answer: a grounding pair, so the grounding gauge exists.
        for (Corruption corruption : new Corruption[]{Corruption.CORRUPTION_NONE, Corruption.CORRUPTION_BLANK_IMAGE}) {
            Judgment judgment = Judgment.newBuilder().setJudgmentId(run + corruption).setModel(model)
                    .setSample(SampleRef.newBuilder()
                            .setSampleId(run)
                            .setTask(Task.TASK_PERCEPTION))
                    .setCorruption(corruption).setBudget(100)
                    .setVerdict(Verdict.VERDICT_UNLABELLED).setExtractedAnswer(corruption == Corruption.CORRUPTION_NONE ? "A" : "B")
                    .setJudgedAtMs(System.currentTimeMillis()).build();
            TopicProbe.send(TopologyProducer.JUDGMENTS_TOPIC, model, judgment.toByteArray());
        }
        TopicProbe.send(TopologyProducer.JUDGMENTS_TOPIC, model, "not a judgment".getBytes(StandardCharsets.UTF_8));

        // Kafka client metrics reach Micrometer on its refresh (every 60 s), not at once.
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            String exposition = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, wanted)).as("queried by the dashboard, not exported").isEmpty();
            assertThat(exposition).contains("rhwatch_model_rh_auc{model=\"" + model + "\"")
                    .contains("rhwatch_grounding{budget=\"100\",model=\"" + model + "\"} 1.0")
                    .contains("rhwatch_dead_letters_total{reason=\"value\",topic=\"rh.judgments\"");
        });
    }

    @Test
    void everyServiceTheDashboardQueriesIsAPrometheusJob() throws IOException {
        Path prometheus = Path.of("../../deploy/prometheus/prometheus.yml");
        Set<String> jobs = new TreeSet<>();
        Matcher job = Pattern.compile("job_name:\\s*rhwatch-([a-z-]+)").matcher(Files.readString(prometheus));
        while (job.find()) {
            jobs.add(job.group(1));
        }
        assertThat(GrafanaDashboard.load().services()).isNotEmpty().isSubsetOf(jobs);
    }
}
