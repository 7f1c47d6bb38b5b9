package io.rhwatch.inference.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.inference.fake.FakeTriton;
import io.rhwatch.inference.fake.FakeTritonResource;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.testsupport.EmbeddedKafka;
import io.rhwatch.testsupport.KafkaBrokerResource;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The service end to end: a real broker, and a real gRPC server playing Triton's vLLM backend. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = FakeTritonResource.class, restrictToAnnotatedClass = true)
class ProbeProcessorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};

    @Test
    void answersEveryBudgetLevelWithTheThinkingCutToIt() {
        Probe probe = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of(0, 4, 8));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        List<Response> responses = responsesOf(probe, 3);

        assertThat(responses).extracting(Response::getBudget).containsExactly(0, 4, 8);
        assertThat(responses).extracting(Response::getResponseId)
                .containsExactly(probe.getProbeId() + "|0", probe.getProbeId() + "|4", probe.getProbeId() + "|8");
        assertThat(responses).extracting(Response::getReasoning)
                .containsExactly("", "step1 step2 step3 step4 ", "step1 step2 step3 step4 step5 step6 step7 step8 ");
        assertThat(responses).extracting(Response::getReasoningTokens).containsExactly(0, 4, 8);
        assertThat(responses).as("the model would have thought 10 tokens").allMatch(Response::getReasoningCut);
        assertThat(responses).extracting(Response::getOutput).containsExactly(
                "B (thought 0 steps, image 7 bytes)",
                "B (thought 4 steps, image 7 bytes)",
                "B (thought 8 steps, image 7 bytes)");
        assertThat(responses).extracting(Response::getOutputTokens).containsOnly(7);
        assertThat(responses).noneMatch(Response::getOutputTruncated);
        assertThat(responses).allSatisfy(response -> {
            assertThat(response.getProbeId()).isEqualTo(probe.getProbeId());
            assertThat(response.getSample()).as("the probe's reference, whole").isEqualTo(probe.getSample());
            assertThat(response.getModel()).isEqualTo(FakeTriton.MODEL);
            assertThat(response.getCorruption()).isEqualTo(Corruption.CORRUPTION_BLANK_IMAGE);
            assertThat(response.getSample().getTask()).isEqualTo(Task.TASK_PERCEPTION);
            assertThat(response.getSample().getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
            assertThat(response.getQuestion()).isEqualTo("Which shape is red?");
            assertThat(response.getSample().getChoicesList()).containsExactly("circle", "square");
            assertThat(response.getSample().getGroundTruth()).isEqualTo("B");
            assertThat(response.getLatencyMs()).isNotNegative();
            assertThat(response.getCreatedAtMs()).isPositive();
        });
    }

    /** Responses say where their sample came from; probes of production traffic are active monitoring. */
    @Test
    void carriesTheOriginAndRequestOfItsSampleAndMarksProbesOfTrafficActive() {
        Probe.Builder trafficProbe = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of(0, 4)).toBuilder();
        trafficProbe.getSampleBuilder().setOrigin(Origin.ORIGIN_TRAFFIC).setRequestId("req-42");
        Probe traffic = trafficProbe.build();
        Probe.Builder canaryProbe = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of(0)).toBuilder();
        canaryProbe.getSampleBuilder().setOrigin(Origin.ORIGIN_CANARY);
        Probe canary = canaryProbe.build();
        TopicProbe.send("rh.probes", traffic.getProbeId(), traffic.toByteArray());
        TopicProbe.send("rh.probes", canary.getProbeId(), canary.toByteArray());

        assertThat(responsesOf(traffic, 2)).allSatisfy(response -> {
            assertThat(response.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
            assertThat(response.getSample().getRequestId()).isEqualTo("req-42");
            assertThat(response.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_ACTIVE);
        });
        assertThat(responsesOf(canary, 1)).allSatisfy(response -> {
            assertThat(response.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_CANARY);
            assertThat(response.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_UNSPECIFIED);
        });
    }

    @Test
    void levelZeroIsCutAlsoWhenItIsTheOnlyLevel() {
        Probe probe = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of(0));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        Response response = responsesOf(probe, 1).get(0);

        assertThat(response.getReasoning()).isEmpty();
        assertThat(response.getReasoningTokens()).isZero();
        assertThat(response.getReasoningCut()).as("as at level 0 of a probe with other levels").isTrue();
        assertThat(response.getOutput()).isEqualTo("B (thought 0 steps, image 7 bytes)");
    }

    @Test
    void keepsThinkingThatEndedWithinTheBudgetWholeAndMarksALongAnswerCensored() {
        Probe probe = probe(FakeTriton.MODEL, "Please ramble about the shapes.", IMAGE, List.of(12));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        Response response = responsesOf(probe, 1).get(0);

        assertThat(response.getReasoningTokens()).isEqualTo(FakeTriton.THOUGHT_TOKENS);
        assertThat(response.getReasoningCut()).as("the thinking ended on its own before 12 tokens").isFalse();
        assertThat(response.getOutputTokens()).as("rhwatch.inference.answer-max-tokens").isEqualTo(1024);
        assertThat(response.getOutputTruncated()).isTrue();
    }

    @Test
    void retriesATransientFailureAndAnswersOnce() {
        Probe probe = probe(FakeTriton.FLAKY_MODEL, "Which shape is red?", IMAGE, List.of(0, 4, 8));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        List<Response> responses = responsesOf(probe, 3);

        assertThat(responses).hasSize(3);
        assertThat(responses).extracting(Response::getResponseId).doesNotHaveDuplicates();
        assertThat(responses).extracting(Response::getOutput).containsExactly(
                "B (thought 0 steps, image 7 bytes)",
                "B (thought 4 steps, image 7 bytes)",
                "B (thought 8 steps, image 7 bytes)");
        // the fake fails the first attempt of each of the 4 calls: the thinking and 3 answers
        assertThat(transientErrors(FakeTriton.FLAKY_MODEL)).isEqualTo(4.0);
    }

    @Test
    void deadLettersAProbeForAModelTritonDoesNotServe() {
        byte[] largeImage = new byte[2 * 1024 * 1024];
        Probe probe = probe("ghost-vl", "Which shape is red?", largeImage, List.of(0, 4));
        sendLarge(probe);

        ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(probe.getProbeId());

        assertThat(TopicProbe.header(deadLetter.headers(), "dead-letter-reason"))
                .startsWith("model 'ghost-vl' is not served by Triton at localhost:");
        assertThat(deadLetter.value()).as("the original record, image and all").isEqualTo(probe.toByteArray());
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .as("a model Triton does not serve is not kept, nor are metrics about it")
                .doesNotContain("model=\"ghost-vl\"");
    }

    @Test
    void deadLettersAProbeWhoseModelTritonNoLongerKnowsWithoutRetrying() {
        Probe probe = probe(FakeTriton.UNLOADED_MODEL, "Which shape is red?", IMAGE, List.of(0, 4));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        assertThat(TopicProbe.header(deadLetterOf(probe.getProbeId()).headers(), "dead-letter-reason"))
                .startsWith("model 'unloaded-vl' is not served by Triton at localhost:")
                .endsWith(": Request for unknown model: 'unloaded-vl' is not found");
    }

    @Test
    void deadLettersAProbeOnceTheRetriesRunOut() {
        Probe probe = probe(FakeTriton.DOWN_MODEL, "Which shape is red?", IMAGE, List.of(0, 4));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        assertThat(TopicProbe.header(deadLetterOf(probe.getProbeId()).headers(), "dead-letter-reason"))
                .startsWith("model 'down-vl': Triton at localhost:")
                .contains("still failing after 3 retries: UNAVAILABLE: fake Triton: model instance restarting");
        assertThat(transientErrors(FakeTriton.DOWN_MODEL)).as("the first attempt and 3 retries").isEqualTo(4.0);
    }

    @Test
    void deadLettersAGenerationThatOutranItsDeadlineWithoutRepeatingIt() {
        Probe probe = probe(FakeTriton.TIMING_OUT_MODEL, "Which shape is red?", IMAGE, List.of(0, 4));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        assertThat(TopicProbe.header(deadLetterOf(probe.getProbeId()).headers(), "dead-letter-reason"))
                .startsWith("model 'timing-out-vl': Triton at localhost:")
                .contains("did not answer within the call deadline of PT30S")
                .contains("DEADLINE_EXCEEDED: fake Triton: generation outran its deadline");
        assertThat(requests(FakeTriton.TIMING_OUT_MODEL, "DEADLINE_EXCEEDED")).as("the thinking, asked once").isEqualTo(1.0);
    }

    @Test
    void deadLettersRecordsThatAreNotValidProbesAndGoesOn() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        TopicProbe.send("rh.probes", garbageKey, "not a probe".getBytes(StandardCharsets.UTF_8));
        Probe noBudgets = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of());
        TopicProbe.send("rh.probes", noBudgets.getProbeId(), noBudgets.toByteArray());
        Probe valid = probe(FakeTriton.MODEL, "Which shape is red?", IMAGE, List.of(4));
        TopicProbe.send("rh.probes", valid.getProbeId(), valid.toByteArray());

        ConsumerRecord<String, byte[]> garbage = deadLetterOf(garbageKey);
        assertThat(TopicProbe.header(garbage.headers(), "dead-letter-reason"))
                .startsWith("value: not a rhwatch.v1.Probe (record on rh.probes)");
        assertThat(TopicProbe.header(garbage.headers(), "deserialization-failure-value-data")).isEqualTo("not a probe");
        assertThat(TopicProbe.header(deadLetterOf(noBudgets.getProbeId()).headers(), "dead-letter-reason"))
                .isEqualTo("budgets: is empty: at least one thinking budget level is needed");
        assertThat(responsesOf(valid, 1)).extracting(Response::getReasoningTokens).containsExactly(4);
    }

    @Test
    void reportsReadyWhileConnectedToTheBroker() {
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static Probe probe(String model, String question, byte[] image, List<Integer> budgets) {
        String sampleId = "sample-" + UUID.randomUUID();
        return Probe.newBuilder()
                .setProbeId(sampleId + "|" + model + "|blank_image")
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sampleId)
                        .setTask(Task.TASK_PERCEPTION)
                        .setQuestionType(QuestionType.QUESTION_TYPE_MULTI_CHOICE)
                        .addChoices("circle")
                        .addChoices("square")
                        .setGroundTruth("B"))
                .setModel(model)
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE)
                .setQuestion(question)
                .setImage(Image.newBuilder().setData(ByteString.copyFrom(image)).setMediaType("image/png").setWidth(2).setHeight(2))
                .addAllBudgets(budgets)
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
    }

    /** TopicProbe's producer keeps Kafka's 1 MiB default; probes with real images are larger. */
    private static void sendLarge(Probe probe) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>("rh.probes", probe.getProbeId(), probe.toByteArray())).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send the large probe", e);
        }
    }

    /** The probe's responses on rh.responses, by budget, once at least {@code count} arrived. */
    private static List<Response> responsesOf(Probe probe, int count) {
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.read("rh.responses", TIMEOUT,
                read -> read.stream().filter(r -> probe.getProbeId().equals(r.key())).count() >= count);
        List<Response> responses = records.stream()
                .filter(r -> probe.getProbeId().equals(r.key()))
                .map(r -> parse(r.value()))
                .sorted(Comparator.comparingInt(Response::getBudget))
                .toList();
        assertThat(responses).as("responses to " + probe.getProbeId()).hasSizeGreaterThanOrEqualTo(count);
        return responses;
    }

    private static ConsumerRecord<String, byte[]> deadLetterOf(String key) {
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.read("rh.dlq.inference", TIMEOUT,
                read -> read.stream().anyMatch(r -> key.equals(r.key())));
        return records.stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " on rh.dlq.inference"));
    }


    private static double transientErrors(String model) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("rhwatch_inference_triton_transient_errors_total\\{code=\"UNAVAILABLE\",model=\""
                + Pattern.quote(model) + "\"} ([0-9.E+-]+)").matcher(metrics);
        assertThat(matcher.find()).as("transient error count of " + model + " in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static double requests(String model, String status) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("rhwatch_inference_triton_requests_total\\{model=\"" + Pattern.quote(model)
                + "\",status=\"" + status + "\"} ([0-9.E+-]+)").matcher(metrics);
        assertThat(matcher.find()).as("requests of " + model + " with status " + status + " in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static Response parse(byte[] value) {
        try {
            return Response.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("rh.responses holds a record that is not a Response", e);
        }
    }
}
