package io.rhwatch.aggregator.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.EmbeddedKafka;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(AggregatorKafkaResource.class)
class ModelResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Each run uses its own model names, as the broker and the store live as long as the test JVM. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String curved = "sim-curved-" + run;
    private final String flat = "org/sim-flat-" + run;
    private int sequence;

    @Test
    void countsJudgmentsFromTheBrokerAndServesCurves() {
        byte[] garbage = "not a protobuf message".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // A bad record first: the stream must go on past it.
            producer.send(new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, "bad-" + run, garbage));
            // (R, P) = (1/4, 3/4), (2/4, 1/4), (3/4, 2/4): normalised, the design brief's 0.375 shape.
            feed(producer, curved, 0, Task.TASK_REASONING, 1, 4);
            feed(producer, curved, 0, Task.TASK_PERCEPTION, 3, 4);
            feed(producer, curved, 100, Task.TASK_REASONING, 2, 4);
            feed(producer, curved, 100, Task.TASK_PERCEPTION, 1, 4);
            feed(producer, curved, 200, Task.TASK_REASONING, 3, 4);
            feed(producer, curved, 200, Task.TASK_PERCEPTION, 2, 4);
            feed(producer, flat, 0, Task.TASK_REASONING, 1, 2);
            feed(producer, flat, 0, Task.TASK_PERCEPTION, 2, 2);
            producer.flush();
        }

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();
            assertThat(models.getLong("find { it.model == '" + curved + "' }.judged")).isEqualTo(24);
            assertThat(models.getLong("find { it.model == '" + flat + "' }.judged")).isEqualTo(4);
        });

        JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();
        List<String> names = models.getList("model", String.class);
        assertThat(names).isSorted();
        double byHand = RhAuc.compute(List.of(
                new RhAuc.Level(0, 0.25, 0.75), new RhAuc.Level(100, 0.5, 0.25), new RhAuc.Level(200, 0.75, 0.5))).rhAuc();
        Map<String, Object> summary = models.getMap("find { it.model == '" + curved + "' }");
        assertThat(summary).containsOnlyKeys("model", "rh_auc", "rh_auc_raw", "reason", "judged");
        assertThat(((Number) summary.get("rh_auc")).doubleValue()).isCloseTo(byHand, within(1e-12)).isCloseTo(0.375, within(1e-12));
        // trapezoid(P over R) / (max R − min R) = (0.25·(0.75+0.25)/2 + 0.25·(0.25+0.5)/2) / 0.5
        assertThat(((Number) summary.get("rh_auc_raw")).doubleValue()).isCloseTo(0.4375, within(1e-12));
        assertThat(summary.get("reason")).isNull();
        Map<String, Object> degenerate = models.getMap("find { it.model == '" + flat + "' }");
        assertThat(degenerate).containsEntry("rh_auc", null).containsEntry("rh_auc_raw", null)
                .containsEntry("reason", RhAuc.TOO_FEW_LEVELS);

        JsonPath curve = given().urlEncodingEnabled(false).when().get("/v1/models/" + curved + "/curve")
                .then().statusCode(200).extract().jsonPath();
        assertThat(curve.getString("model")).isEqualTo(curved);
        assertThat(curve.getDouble("rh_auc")).isCloseTo(0.375, within(1e-12));
        assertThat(curve.getList("points.budget", Integer.class)).containsExactly(0, 100, 200);
        assertThat(curve.getMap("points[0]")).containsOnlyKeys("budget", "reasoning_accuracy", "perception_accuracy",
                "reasoning_n", "reasoning_correct", "perception_n", "perception_correct");
        assertThat(curve.getDouble("points[0].reasoning_accuracy")).isEqualTo(0.25);
        assertThat(curve.getInt("points[0].perception_correct")).isEqualTo(3);
        assertThat(curve.getMap("cells[0]")).containsOnlyKeys("budget", "task", "corruption", "judged", "correct",
                "accuracy", "unparseable", "censored");
        Map<String, Object> reasoningAtZero = curve.getMap("cells.find { it.budget == 0 && it.task == 'reasoning' }");
        assertThat(reasoningAtZero).containsEntry("corruption", "clean").containsEntry("judged", 4)
                .containsEntry("correct", 1).containsEntry("accuracy", 0.25f);

        // A model name with a slash, as Hugging Face names have.
        given().urlEncodingEnabled(false).when().get("/v1/models/" + flat + "/curve")
                .then().statusCode(200).body(containsString("\"reason\":\"" + RhAuc.TOO_FEW_LEVELS + "\""));

        List<ConsumerRecord<String, byte[]>> curves = TopicProbe.read(TopologyProducer.CURVES_TOPIC, TIMEOUT,
                records -> records.stream().anyMatch(r -> curved.equals(r.key()) && judged(r) == 24));
        assertThat(curves).filteredOn(r -> curved.equals(r.key())).extracting(ModelResourceTest::judged).contains(24L);

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.read(TopologyProducer.DEAD_LETTER_TOPIC, TIMEOUT,
                records -> records.stream().anyMatch(r -> ("bad-" + run).equals(r.key())));
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> ("bad-" + run).equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(new String(letter.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .startsWith("value: not a valid Judgment");
    }

    @Test
    void unknownModelIsA404NamingItAndTheKnownModels() {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            feed(producer, curved, 0, Task.TASK_REASONING, 1, 1);
        }
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
                given().when().get("/v1/models").then().statusCode(200).body("model", hasItem(curved)));

        given().when().get("/v1/models/{model}/curve", "no-such-model-" + run)
                .then().statusCode(404)
                .body("error", containsString("no-such-model-" + run))
                .body("error", containsString(curved))
                .body("known_models", hasItem(curved));
    }

    private void feed(KafkaProducer<String, byte[]> producer, String model, int budget, Task task, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            String id = run + "-" + sequence++;
            Judgment judgment = Judgment.newBuilder()
                    .setJudgmentId(id + "|" + budget)
                    .setProbeId(id)
                    .setModel(model)
                    .setTask(task)
                    .setBudget(budget)
                    .setVerdict(i < correct ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                    .setJudgedAtMs(System.currentTimeMillis())
                    .build();
            producer.send(new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, model, judgment.toByteArray()));
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static long judged(ConsumerRecord<String, byte[]> record) {
        try {
            return Curve.parseFrom(record.value()).getJudged();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("rh.curves holds a record that is not a Curve", e);
        }
    }
}
