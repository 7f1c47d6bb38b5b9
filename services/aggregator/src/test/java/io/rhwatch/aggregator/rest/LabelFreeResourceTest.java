package io.rhwatch.aggregator.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Intervals;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unlabelled traffic on the real broker, read back over REST: the curve's and the summary's {@code label_free} and
 * {@code served} objects, grounding per window, and the label-free gauges.
 */
@QuarkusTest
@QuarkusTestResource(AggregatorKafkaResource.class)
class LabelFreeResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "sim-traffic-" + run;
    private int sequence;

    @Test
    void servesTheLabelFreeSignalsOfUnlabelledTraffic() {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // 10 perception samples, at level 0 (40 tokens) blank and random change 9 of 10 answers each, at level 300
            // (240 tokens) 4 of 10 each; at 300 the clean answer of 6 samples is the one at 0.
            for (int s = 0; s < 10; s++) {
                send(producer, s, 0, Corruption.CORRUPTION_NONE, "A", 40);
                send(producer, s, 0, Corruption.CORRUPTION_BLANK_IMAGE, s < 9 ? "B" : "A", 40);
                send(producer, s, 0, Corruption.CORRUPTION_RANDOM_IMAGE, s < 9 ? "" : "A", 40);
                String clean = s < 6 ? "A" : "C";
                send(producer, s, 300, Corruption.CORRUPTION_NONE, clean, 240);
                send(producer, s, 300, Corruption.CORRUPTION_BLANK_IMAGE, s < 4 ? "D" : clean, 240);
                send(producer, s, 300, Corruption.CORRUPTION_RANDOM_IMAGE, s < 4 ? "D" : clean, 240);
            }
            // what the model served, bucketed at 1024 tokens: one labelled and right, one unlabelled
            producer.send(record(judgment(99, 1024, Corruption.CORRUPTION_NONE, "A", 1500)
                    .setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE).setVerdict(Verdict.VERDICT_CORRECT)
                    .mergeSample(SampleRef.newBuilder()
                            .setGroundTruth("A").build())));
            producer.send(record(judgment(98, 1024, Corruption.CORRUPTION_NONE, "B", 1300)
                    .setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE)));
            producer.flush();
        }

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            JsonPath curve = curve();
            assertThat(curve.getLong("label_free.unlabelled")).isEqualTo(60);
            assertThat(curve.getLong("served.answers")).isEqualTo(2);
        });

        JsonPath curve = curve();
        assertThat(curve.getLong("judged")).isZero();
        assertThat(curve.getList("label_free.grounding.budget", Integer.class)).containsExactly(0, 300);
        assertThat(curve.getDouble("label_free.grounding[0].grounding")).isEqualTo(0.9);
        assertThat(curve.getLong("label_free.grounding[0].pairs")).isEqualTo(20);
        assertThat(curve.getDouble("label_free.grounding[0].mean_reasoning_tokens")).isEqualTo(40.0);
        assertThat(curve.getDouble("label_free.grounding[1].grounding")).isEqualTo(0.4);
        assertThat(curve.getList("label_free.grounding[1].grounding_ci", Double.class)).containsExactly(ci(Intervals.wilson(8, 20)));
        assertThat(curve.getDouble("label_free.stability[0].stability")).isEqualTo(0.6);
        assertThat(curve.getString("label_free.stability[0].task")).isEqualTo("perception");
        // two levels, grounding falling as thinking grows: the normalised curve is the line from (0, 1) to (1, 0)
        assertThat(curve.getDouble("label_free.label_free_rh_auc")).isEqualTo(0.5);
        assertThat(curve.getString("label_free.reason")).isNull();
        assertThat(curve.getList("served.buckets.bucket", Integer.class)).containsExactly(1024);
        assertThat(curve.getLong("served.buckets[0].judged")).isEqualTo(1);
        assertThat(curve.getDouble("served.buckets[0].accuracy")).isEqualTo(1.0);
        assertThat(curve.getLong("served.buckets[0].unlabelled")).isEqualTo(1);
        assertThat(curve.getList("cells.budget", Integer.class)).doesNotContain(1024);

        JsonPath models = json(given().when().get("/v1/models").then().statusCode(200).extract().asString());
        String row = "find { it.model == '" + model + "' }.";
        assertThat(models.getDouble(row + "label_free.label_free_rh_auc")).isEqualTo(0.5);
        assertThat(models.getLong(row + "served.unlabelled")).isEqualTo(1);

        JsonPath windows = json(given().when().get("/v1/models/" + model + "/windows").then().statusCode(200).extract().asString());
        assertThat(windows.getList("sizes[0].windows[-1].label_free.grounding.grounding", Double.class)).containsExactly(0.9, 0.4);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).contains("rhwatch_label_free_rh_auc{model=\"" + model + "\"} 0.5");
            assertThat(metrics).contains("rhwatch_grounding{budget=\"300\",model=\"" + model + "\"} 0.4");
        });
    }

    private JsonPath curve() {
        return json(given().when().get("/v1/models/" + model + "/curve").then().statusCode(200).extract().asString());
    }

    private static JsonPath json(String body) {
        return JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static Double[] ci(Interval interval) {
        return new Double[] {interval.low(), interval.high()};
    }

    private void send(KafkaProducer<String, byte[]> producer, int sample, int budget, Corruption corruption, String answer, int tokens) {
        producer.send(record(judgment(sample, budget, corruption, answer, tokens).setTrafficMode(TrafficMode.TRAFFIC_MODE_ACTIVE)));
    }

    private Judgment.Builder judgment(int sample, int budget, Corruption corruption, String answer, int tokens) {
        String id = run + "-" + sequence++;
        return Judgment.newBuilder().setJudgmentId(id + "|" + budget).setProbeId(id)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(run + "-s" + sample)
                        .setTask(Task.TASK_PERCEPTION)
                        .setOrigin(Origin.ORIGIN_TRAFFIC)
                        .setRequestId("req-" + id))
                .setModel(model).setCorruption(corruption).setBudget(budget)
                .setVerdict(Verdict.VERDICT_UNLABELLED).setExtractedAnswer(answer).setReasoningTokens(tokens)
                .setJudgedAtMs(System.currentTimeMillis());
    }

    private static ProducerRecord<String, byte[]> record(Judgment.Builder judgment) {
        return new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, judgment.getModel(), judgment.build().toByteArray());
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }
}
