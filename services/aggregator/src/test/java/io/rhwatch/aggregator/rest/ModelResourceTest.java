package io.rhwatch.aggregator.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Intervals;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.VersionComparison;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.ExampleDetail;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.SampleRef;
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
        assertThat(summary).containsOnlyKeys("model", "rh_auc", "rh_auc_ci", "rh_auc_raw", "rh_auc_raw_ci", "reason",
                "judged", "updated_at_ms", "interval_method", "rh_auc_degenerate_share", "rh_auc_raw_degenerate_share",
                "label_free", "served", "regression");
        assertThat(summary.get("regression")).isNull();
        // No sample ids here: the intervals resample cells.
        assertThat(summary).containsEntry("interval_method", "cells").containsEntry("rh_auc_degenerate_share", null);
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
        assertThat(curve.getMap("points[0]")).containsOnlyKeys("budget", "reasoning_accuracy", "reasoning_ci",
                "perception_accuracy", "perception_ci", "reasoning_n", "reasoning_correct", "perception_n", "perception_correct");
        assertThat(curve.getDouble("points[0].reasoning_accuracy")).isEqualTo(0.25);
        assertThat(curve.getInt("points[0].perception_correct")).isEqualTo(3);
        assertThat(curve.getMap("cells[0]")).containsOnlyKeys("budget", "task", "corruption", "judged", "correct",
                "accuracy", "accuracy_ci", "unparseable", "censored");
        Map<String, Object> reasoningAtZero = curve.getMap("cells.find { it.budget == 0 && it.task == 'reasoning' }");
        assertThat(reasoningAtZero).containsEntry("corruption", "clean").containsEntry("judged", 4)
                .containsEntry("correct", 1).containsEntry("accuracy", 0.25f);

        // Its time windows: every judgment is in some window of each configured size, served from the read model.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            JsonPath windows = given().urlEncodingEnabled(false).when().get("/v1/models/" + flat + "/windows")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(windows.getString("model")).isEqualTo(flat);
            assertThat(windows.getLong("regression_window_ms")).isEqualTo(3_600_000L);
            assertThat(windows.getList("sizes.size", String.class)).containsExactly("PT1H", "PT24H");
            for (int size = 0; size < 2; size++) {
                List<Integer> judged = windows.getList("sizes[" + size + "].windows.judged", Integer.class);
                assertThat(judged.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);
            }
            Map<String, Object> window = windows.getMap("sizes[0].windows[0]");
            assertThat(window).containsKeys("start_ms", "end_ms", "judged", "rh_auc", "rh_auc_ci", "rh_auc_raw",
                    "rh_auc_raw_ci", "reason", "points");
            assertThat(((Number) window.get("end_ms")).longValue() - ((Number) window.get("start_ms")).longValue())
                    .isEqualTo(3_600_000L);
            assertThat(windows.getList("sizes[0].windows[0].points.budget", Integer.class)).containsExactly(0);
        });
        given().when().get("/v1/models/{model}/windows", "no-such-model-" + run)
                .then().statusCode(404).body("known_models", hasItem(flat));

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
        await().atMost(TIMEOUT).untilAsserted(() ->
                given().when().get("/v1/models").then().statusCode(200).body("model", hasItem(curved)));

        given().when().get("/v1/models/{model}/curve", "no-such-model-" + run)
                .then().statusCode(404)
                .body("error", containsString("no-such-model-" + run))
                .body("error", containsString(curved))
                .body("known_models", hasItem(curved));
    }

    @Test
    void servesIntervalsCorruptionEffectsCensoringAndExamples() {
        String model = "sim-cue-" + run;
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        try (KafkaProducer<String, byte[]> producer = producer()) {
            feed(producer, model, 0, Task.TASK_REASONING, 10, 20);
            feed(producer, model, 100, Task.TASK_REASONING, 15, 20);
            feed(producer, model, 100, Task.TASK_PERCEPTION, 12, 20);
            // Perception at level 0: 8 samples, clean all correct "B"; without the image 5 keep "B",
            // 2 say "D", one refuses and was cut by the answer-length limit. The judge picked every sample but
            // cue-6 (and none of feed()'s) as an example: those judgments carry an example, the clean ones with
            // the thumbnail.
            for (int i = 0; i < 8; i++) {
                String sample = run + "-cue-" + i;
                Judgment.Builder clean = Judgment.newBuilder().setJudgmentId(sample + "|clean|0")
                        .setSample(SampleRef.newBuilder()
                                .setSampleId(sample)
                                .setTask(Task.TASK_PERCEPTION)
                                .setGroundTruth("B")
                                .addAllChoices(List.of("red", "blue", "green", "yellow"))).setModel(model)
                        .setBudget(0).setVerdict(Verdict.VERDICT_CORRECT)
                        .setExtractedAnswer("B").setMethod("rule:option_letter")
                        .setQuestion("What colour is the large shape?")
                        .setReasoningTokens(6).setReasoningTail("The large shape is blue.").setOutput("Answer: B")
                        .setJudgedAtMs(1_000 + i);
                Verdict verdict = i < 5 ? Verdict.VERDICT_CORRECT : i < 7 ? Verdict.VERDICT_INCORRECT : Verdict.VERDICT_UNPARSEABLE;
                Judgment.Builder blank = Judgment.newBuilder().setJudgmentId(sample + "|blank|0")
                        .setSample(SampleRef.newBuilder()
                                .setSampleId(sample)
                                .setTask(Task.TASK_PERCEPTION)).setModel(model)
                        .setBudget(0).setCorruption(Corruption.CORRUPTION_BLANK_IMAGE)
                        .setVerdict(verdict).setExtractedAnswer(i < 5 ? "B" : i < 7 ? "D" : "")
                        .setCensored(i == 7).setJudgedAtMs(2_000 + i);
                if (i != 6) {
                    clean.setExample(ExampleDetail.newBuilder().setThumbnail(com.google.protobuf.ByteString.copyFrom(png)));
                    blank.setExample(ExampleDetail.getDefaultInstance());
                }
                send(producer, clean.build());
                send(producer, blank.build());
            }
            producer.flush();
        }

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(given().urlEncodingEnabled(false)
                .when().get("/v1/models/" + model + "/curve").then().statusCode(200).extract().jsonPath().getLong("judged"))
                .isEqualTo(76));
        JsonPath curve = given().when().get("/v1/models/" + model + "/curve").then().statusCode(200).extract().jsonPath();

        assertThat(curve.getMap("$")).containsOnlyKeys("model", "rh_auc", "rh_auc_ci", "rh_auc_raw", "rh_auc_raw_ci",
                "reason", "judged", "updated_at_ms", "points", "cells", "corruptions", "censoring", "interval_method",
                "rh_auc_degenerate_share", "rh_auc_raw_degenerate_share", "paired_reasoning_samples", "paired_perception_samples",
                "label_free", "served");
        // Only perception samples carry ids: RH-AUC's intervals come from the cells, the gap's from the pairs.
        assertThat(curve.getString("interval_method")).isEqualTo("cells");
        assertThat(curve.getInt("paired_perception_samples")).isEqualTo(8);
        // Two points with a rising x and a falling y: RH-AUC 0.5, raw = mean of 1.0 and 0.6.
        assertThat(curve.getDouble("rh_auc")).isCloseTo(0.5, within(1e-12));
        assertThat(curve.getDouble("rh_auc_raw")).isCloseTo(0.8, within(1e-12));
        List<Float> rawCi = curve.getList("rh_auc_raw_ci", Float.class);
        assertThat(rawCi).hasSize(2);
        assertThat(rawCi.get(0)).isLessThanOrEqualTo(0.8f);
        assertThat(rawCi.get(1)).isGreaterThanOrEqualTo(0.8f);
        // the newest judged_at_ms: the feed() judgments carry the wall clock
        assertThat(curve.getLong("updated_at_ms")).isGreaterThan(2_007);
        Interval wilson = Intervals.wilson(10, 20);
        assertThat(curve.getDouble("points[0].reasoning_ci[0]")).isCloseTo(wilson.low(), within(1e-6));
        assertThat(curve.getDouble("points[0].reasoning_ci[1]")).isCloseTo(wilson.high(), within(1e-6));

        Map<String, Object> effect = curve.getMap("corruptions[0]");
        assertThat(curve.getList("corruptions")).hasSize(1);
        assertThat(effect).containsOnlyKeys("budget", "task", "corruption", "clean_accuracy", "corrupted_accuracy", "gap",
                "gap_ci", "invariance", "invariance_n", "pairs", "clean_only", "corrupted_only");
        assertThat(effect).containsEntry("budget", 0).containsEntry("task", "perception").containsEntry("corruption", "blank_image")
                .containsEntry("invariance_n", 8).containsEntry("pairs", 8).containsEntry("clean_only", 3)
                .containsEntry("corrupted_only", 0);
        assertThat(curve.getDouble("corruptions[0].gap")).isCloseTo(1 - 5 / 8.0, within(1e-12));
        assertThat(curve.getDouble("corruptions[0].invariance")).isCloseTo(5 / 8.0, within(1e-12));
        // The same 8 samples clean and blank: Newcombe's paired interval (5 right both ways, 3 only clean).
        Interval gap = Intervals.pairedDifference(5, 3, 0, 0);
        assertThat(curve.getDouble("corruptions[0].gap_ci[0]")).isCloseTo(gap.low(), within(1e-6));

        Map<String, Object> censoring = curve.getMap("censoring.find { it.budget == 0 }");
        assertThat(censoring).containsOnlyKeys("budget", "judged", "unparseable", "censored", "unparseable_rate", "censored_rate");
        assertThat(censoring).containsEntry("judged", 36).containsEntry("unparseable", 1).containsEntry("censored", 1);

        JsonPath examples = given().queryParam("limit", 3).when().get("/v1/models/" + model + "/examples")
                .then().statusCode(200).extract().jsonPath();
        assertThat(examples.getList("$")).hasSize(3);
        // newest first, in the order they were counted
        assertThat(examples.getList("judgment_id", String.class)).containsExactly(
                run + "-cue-7|blank|0", run + "-cue-7|clean|0", run + "-cue-5|blank|0");
        assertThat(examples.getString("[0].verdict")).isEqualTo("unparseable");
        assertThat(examples.getBoolean("[0].censored")).isTrue();
        JsonPath all = given().queryParam("limit", 50).when().get("/v1/models/" + model + "/examples")
                .then().statusCode(200).extract().jsonPath();
        // only the judgments that carry an example: 7 samples, clean and blank
        assertThat(all.getList("sample_id", String.class)).hasSize(14).allMatch(id -> id.startsWith(run + "-cue-"))
                .doesNotContain(run + "-cue-6");
        assertThat(all.getString("find { it.judgment_id == '" + run + "-cue-7|blank|0' }.thumbnail")).isNull();
        Map<String, Object> clean = all.getMap("find { it.judgment_id == '" + run + "-cue-7|clean|0' }");
        assertThat(clean).containsEntry("question", "What colour is the large shape?")
                .containsEntry("choices", List.of("red", "blue", "green", "yellow"))
                .containsEntry("reasoning_tokens", 6).containsEntry("reasoning_tail", "The large shape is blue.")
                .containsEntry("extracted_answer", "B").containsEntry("ground_truth", "B")
                .containsEntry("method", "rule:option_letter").containsEntry("corruption", "clean")
                .containsEntry("thumbnail", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png))
                .containsEntry("hallucination_rating", null);

        given().queryParam("limit", 0).when().get("/v1/models/" + model + "/examples")
                .then().statusCode(400).body("error", containsString("limit")).body("error", containsString("1 to 50"));
        given().when().get("/v1/models/no-such-model-" + run + "/examples")
                .then().statusCode(404).body("known_models", hasItem(model));
    }

    @Test
    void comparesTwoVersionsOnTheirSharedSamples() {
        String name = "sim-versions-" + run;
        int[] budgets = {0, 100, 200};
        SampleOutcomes v1 = new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES);
        SampleOutcomes v2 = new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES);
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int sample = 0; sample < 60; sample++) {
                Task task = sample % 2 == 0 ? Task.TASK_REASONING : Task.TASK_PERCEPTION;
                double ability = random.nextDouble();
                for (int budget : budgets) {
                    double bar = task == Task.TASK_PERCEPTION ? 0.2 + budget / 1000.0 : 0.6 - budget / 1000.0;
                    boolean right1 = ability > bar;
                    boolean right2 = ability > bar + (task == Task.TASK_PERCEPTION && budget > 0 ? 0.25 : 0);
                    for (String version : List.of("v1", "v2")) {
                        boolean right = version.equals("v1") ? right1 : right2;
                        String id = run + "-" + version + "-" + sample;
                        // Keyed by name, as the judge keys them: the aggregator rekeys by name@version.
                        send(producer, Judgment.newBuilder().setJudgmentId(id + "|" + budget)
                                .setSample(SampleRef.newBuilder()
                                        .setSampleId(run + "-" + sample)
                                        .setTask(task))
                                .setModel(name).setModelVersion(version).setBudget(budget)
                                .setVerdict(right ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT)
                                .setJudgedAtMs(System.currentTimeMillis()).build());
                        (version.equals("v1") ? v1 : v2).record(run + "-" + sample, task, budget, Corruption.CORRUPTION_NONE, right);
                    }
                }
            }
            producer.flush();
        }
        String a = name + "@v1";
        String b = name + "@v2";
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();
            assertThat(models.getLong("find { it.model == '" + a + "' }.judged")).isEqualTo(180);
            assertThat(models.getLong("find { it.model == '" + b + "' }.judged")).isEqualTo(180);
            assertThat(given().queryParam("a", a).queryParam("b", b).when().get("/v1/compare")
                    .then().statusCode(200).extract().jsonPath().getInt("shared_samples")).isEqualTo(60);
        });

        JsonPath models = given().when().get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getString("find { it.model == '" + a + "' }.interval_method")).isEqualTo("paired_samples");
        assertThat(models.getDouble("find { it.model == '" + a + "' }.rh_auc_raw_degenerate_share")).isBetween(0.0, 0.1);
        JsonPath view = given().queryParam("a", a).queryParam("b", b).when().get("/v1/compare")
                .then().statusCode(200).extract().jsonPath();
        VersionComparison.Result expected = new VersionComparison().compare(v1.snapshot(), v2.snapshot());
        assertThat(view.getString("a")).isEqualTo(a);
        assertThat(view.getInt("shared_reasoning")).isEqualTo(30);
        assertThat(view.getDouble("rh_auc_raw.difference")).isCloseTo(expected.rhAucRaw().difference(), within(1e-6));
        assertThat(view.getDouble("rh_auc_raw.ci[0]")).isCloseTo(expected.rhAucRaw().ci().low(), within(1e-6));
        assertThat(view.getDouble("rh_auc_raw.p_value")).isCloseTo(expected.rhAucRaw().pValue(), within(1e-6));
        assertThat(view.getDouble("rh_auc.difference")).isCloseTo(expected.rhAuc().difference(), within(1e-6));
        assertThat(view.getList("levels")).hasSize(expected.levels().size());
        assertThat(view.getDouble("levels.find { it.budget == 200 && it.task == 'perception' }.p_value"))
                .isCloseTo(expected.levels().stream().filter(l -> l.budget() == 200 && l.task() == Task.TASK_PERCEPTION)
                        .findFirst().orElseThrow().pValue(), within(1e-9));
        assertThat(view.getString("curve_a.model")).isEqualTo(a);
        assertThat(view.getString("curve_b.interval_method")).isEqualTo("paired_samples");

        given().queryParam("b", b).when().get("/v1/compare")
                .then().statusCode(400).body("error", containsString("a: missing")).body("known_models", hasItem(a));
        given().queryParam("a", name + "@").queryParam("b", b).when().get("/v1/compare")
                .then().statusCode(400).body("error", containsString("a: the version after '@' is empty"));
        given().queryParam("a", a).queryParam("b", name + "@v9").when().get("/v1/compare")
                .then().statusCode(400).body("error", containsString("b: unknown model '" + name + "@v9'"))
                .body("known_models", hasItem(b));
    }

    private static void send(KafkaProducer<String, byte[]> producer, Judgment judgment) {
        producer.send(new ProducerRecord<>(TopologyProducer.JUDGMENTS_TOPIC, judgment.getModel(), judgment.toByteArray()));
    }

    private void feed(KafkaProducer<String, byte[]> producer, String model, int budget, Task task, int correct, int judged) {
        for (int i = 0; i < judged; i++) {
            String id = run + "-" + sequence++;
            Judgment judgment = Judgment.newBuilder()
                    .setJudgmentId(id + "|" + budget)
                    .setProbeId(id)
                    .setModel(model)
                    .setSample(SampleRef.newBuilder().setTask(task))
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
