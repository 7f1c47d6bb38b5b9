package io.rhwatch.aggregator.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.rhwatch.aggregator.rest.AggregatorKafkaResource;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-model gauges of the running aggregator show the numbers its API serves, NaN where a value is undefined. */
@QuarkusTest
@QuarkusTestResource(AggregatorKafkaResource.class)
class ModelGaugesTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private int sequence;

    @Test
    void everyGaugeShowsTheModelsNumbersFromTheApi() {
        String curved = "gauges-curved-" + run;
        String single = "gauges-single-" + run;
        // Three levels with rising reasoning and uneven perception: RH-AUC and both intervals defined.
        feed(curved, 0, Task.TASK_REASONING, 4, 10);
        feed(curved, 0, Task.TASK_PERCEPTION, 9, 10);
        feed(curved, 100, Task.TASK_REASONING, 6, 10);
        feed(curved, 100, Task.TASK_PERCEPTION, 5, 10);
        feed(curved, 200, Task.TASK_REASONING, 8, 10);
        feed(curved, 200, Task.TASK_PERCEPTION, 7, 10);
        // One level only: no RH-AUC.
        feed(single, 0, Task.TASK_REASONING, 3, 4);
        feed(single, 0, Task.TASK_PERCEPTION, 1, 2);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(gauge(metrics, "rhwatch_model_judged", curved)).isEqualTo(60);
            assertThat(gauge(metrics, "rhwatch_model_judged", single)).isEqualTo(6);
        });

        // Read as doubles (not RestAssured's default floats), so the numbers are compared exactly.
        JsonPath models = JsonPath.from(given().when().get("/v1/models").then().statusCode(200).extract().asString())
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String row = "find { it.model == '" + curved + "' }.";
        List<Double> ci = models.getList(row + "rh_auc_ci", Double.class);
        List<Double> rawCi = models.getList(row + "rh_auc_raw_ci", Double.class);
        assertThat(ci).hasSize(2);
        assertThat(gauge(metrics, "rhwatch_model_rh_auc", curved)).isEqualTo(models.getDouble(row + "rh_auc"));
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_raw", curved)).isEqualTo(models.getDouble(row + "rh_auc_raw"));
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_ci_low", curved)).isEqualTo(ci.get(0));
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_ci_high", curved)).isEqualTo(ci.get(1));
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_raw_ci_low", curved)).isEqualTo(rawCi.get(0));
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_raw_ci_high", curved)).isEqualTo(rawCi.get(1));
        // All judged within one window, so there is no baseline window: no regression, as /v1/models says.
        assertThat(models.getMap(row + "regression")).isNull();
        assertThat(gauge(metrics, "rhwatch_regression", curved)).isZero();

        assertThat(gauge(metrics, "rhwatch_model_rh_auc", single)).isNaN();
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_raw", single)).isNaN();
        assertThat(gauge(metrics, "rhwatch_model_rh_auc_ci_low", single)).isNaN();
        assertThat(gauge(metrics, "rhwatch_regression", single)).isZero();
    }

    private void feed(String model, int budget, Task task, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            Judgment judgment = Judgment.newBuilder().setJudgmentId(run + "-" + sequence++).setModel(model)
                    .setSample(SampleRef.newBuilder()
                            .setTask(task))
                    .setBudget(budget).setVerdict(i < correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .setJudgedAtMs(System.currentTimeMillis()).build();
            TopicProbe.send(TopologyProducer.JUDGMENTS_TOPIC, model, judgment.toByteArray());
        }
    }

    private static double gauge(String metrics, String name, String model) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{model=\"" + Pattern.quote(model) + "\"} (\\S+)(?: # .*)?$").matcher(metrics);
        assertThat(line.find()).as("%s{model=%s} in /q/metrics", name, model).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
