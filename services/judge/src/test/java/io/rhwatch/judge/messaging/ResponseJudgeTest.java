package io.rhwatch.judge.messaging;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rhwatch.judge.service.ExamplePicker;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.TopicProbe;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.rhwatch.judge.messaging.JudgeKafkaResource.DLQ;
import static io.rhwatch.judge.messaging.JudgeKafkaResource.JUDGMENTS;
import static io.rhwatch.judge.messaging.JudgeKafkaResource.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(JudgeKafkaResource.class)
class ResponseJudgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> COLOURS = List.of("red", "blue", "green", "yellow");

    /** Each test uses its own ids, as the broker and topics are shared by the whole test JVM. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void judgesResponsesAndKeysJudgmentsByModel() {
        Response correct = response("sim-a-" + run, "p1", 0, QuestionType.QUESTION_TYPE_MULTI_CHOICE, "B", COLOURS)
                .setOutput("<answer>B</answer>").mergeSample(SampleRef.newBuilder().setTask(Task.TASK_PERCEPTION).build())
                .setQuestion("What colour is the large shape?").setReasoning("The large shape looks blue.")
                .setThumbnail(ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).build();
        Response wrong = response("sim-b-" + run, "p2", 100, QuestionType.QUESTION_TYPE_NUMERIC, "12", List.of())
                .setOutput("**Answer:** 11").mergeSample(SampleRef.newBuilder().setTask(Task.TASK_REASONING).build())
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).build();
        Response refusal = response("sim-a-" + run, "p3", 400, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("I cannot tell from the image.").build();
        Response truncated = response("sim-a-" + run, "p4", 600, QuestionType.QUESTION_TYPE_NUMERIC, "9", List.of())
                .setOutput("Let me count carefully. The first row has 3 circles, and the second row has")
                .setOutputTruncated(true).build();
        for (Response response : List.of(correct, wrong, refusal, truncated)) {
            TopicProbe.send(RESPONSES, response.getProbeId(), response.toByteArray());
        }

        Map<String, ConsumerRecord<String, byte[]>> out = judgmentsById(4);

        assertThat(out).containsOnlyKeys(correct.getResponseId(), wrong.getResponseId(),
                refusal.getResponseId(), truncated.getResponseId());
        assertThat(out.get(correct.getResponseId()).key()).isEqualTo("sim-a-" + run);
        assertThat(out.get(wrong.getResponseId()).key()).isEqualTo("sim-b-" + run);

        Judgment first = parse(out.get(correct.getResponseId()));
        assertThat(first.getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        assertThat(first.getExtractedAnswer()).isEqualTo("B");
        assertThat(first.getMethod()).isEqualTo("rule:option_letter");
        assertThat(first.getProbeId()).isEqualTo(correct.getProbeId());
        assertThat(first.getSample()).as("the response's reference, whole").isEqualTo(correct.getSample());
        assertThat(first.getSample().getTask()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(first.getSample().getGroundTruth()).isEqualTo("B");
        assertThat(first.getOutput()).isEqualTo("<answer>B</answer>");
        assertThat(first.getCensored()).isFalse();
        assertThat(first.getQuestion()).isEqualTo("What colour is the large shape?");
        assertThat(first.getSample().getChoicesList()).isEqualTo(COLOURS);
        assertThat(first.getReasoningTail()).isEqualTo("The large shape looks blue.");
        assertThat(first.hasHallucinationRating()).isFalse();
        assertThat(first.getJudgedAtMs()).isPositive();

        Judgment second = parse(out.get(wrong.getResponseId()));
        assertThat(second.getVerdict()).isEqualTo(Verdict.VERDICT_INCORRECT);
        assertThat(second.getExtractedAnswer()).isEqualTo("11");
        assertThat(second.getBudget()).isEqualTo(100);
        assertThat(second.getCorruption()).isEqualTo(Corruption.CORRUPTION_BLANK_IMAGE);
        assertThat(second.getSample().getTask()).isEqualTo(Task.TASK_REASONING);

        assertThat(parse(out.get(refusal.getResponseId())).getVerdict()).isEqualTo(Verdict.VERDICT_UNPARSEABLE);

        Judgment censored = parse(out.get(truncated.getResponseId()));
        assertThat(censored.getCensored()).isTrue();
        assertThat(censored.getVerdict()).isEqualTo(Verdict.VERDICT_UNPARSEABLE);

        // Counted once the broker acknowledged the judgment, which may be just after it can be read.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rhwatch_judge_verdicts_total{method=\"rule:option_letter\",model=\"sim-a-" + run
                        + "\",verdict=\"correct\"} 1.0")));
    }

    @Test
    void deadLettersWhatCannotBeJudgedAndGoesOn() {
        byte[] garbage = "not a protobuf message".getBytes(StandardCharsets.UTF_8);
        TopicProbe.send(RESPONSES, "garbage-" + run, garbage);
        Response noModel = response("", "anonymous", 0, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("Yes.").build();
        TopicProbe.send(RESPONSES, "anonymous-" + run, noModel.toByteArray());
        // As an older version wrote it: the sample's id and ground truth under their old numbers (3, 10), no SampleRef.
        Response older = Response.newBuilder().setResponseId("older|0").setProbeId("older").setModel("sim-a-" + run)
                .setOutput("Yes.").setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(3, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("older")).build())
                        .addField(10, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("yes")).build())
                        .build())
                .build();
        TopicProbe.send(RESPONSES, "older-" + run, older.toByteArray());
        Response after = response("sim-a-" + run, "after", 0, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("Yes.").build();
        TopicProbe.send(RESPONSES, after.getProbeId(), after.toByteArray());

        Map<String, ConsumerRecord<String, byte[]>> dead = TopicProbe.read(DLQ, TIMEOUT, records -> ours(records).size() >= 3)
                .stream().filter(r -> r.key().endsWith(run))
                .collect(Collectors.toMap(ConsumerRecord::key, Function.identity()));

        assertThat(dead).containsOnlyKeys("garbage-" + run, "anonymous-" + run, "older-" + run);
        assertThat(dead.get("garbage-" + run).value()).as("there is no Response to write back").isNull();
        assertThat(dead.get("garbage-" + run).headers().lastHeader("deserialization-failure-value-data").value()).isEqualTo(garbage);
        assertThat(TopicProbe.header(dead.get("garbage-" + run).headers(), "dead-letter-reason"))
                .startsWith("value: not a rhwatch.v1.Response (record on " + RESPONSES + ")");
        assertThat(TopicProbe.header(dead.get("garbage-" + run).headers(), "dead-letter-topic")).isEqualTo(RESPONSES);
        assertThat(TopicProbe.header(dead.get("anonymous-" + run).headers(), "dead-letter-reason")).startsWith("model: empty");
        assertThat(TopicProbe.header(dead.get("older-" + run).headers(), "dead-letter-reason"))
                .as("refused, naming the field, not judged without its truth").startsWith("sample: missing");
        assertThat(dead.get("older-" + run).value()).isEqualTo(older.toByteArray());

        Map<String, ConsumerRecord<String, byte[]>> out = judgmentsById(1);
        assertThat(out).containsOnlyKeys(after.getResponseId());
        assertThat(parse(out.get(after.getResponseId())).getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
    }

    @Inject
    ExamplePicker examples;

    @Test
    void keepsTheReasoningsTailEverywhereAndTheThumbnailOnExamplesOnly() {
        String reasoning = "early thoughts ".repeat(100) + "x".repeat(1000);
        ByteString png = ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Response example = response("sim-a-" + run, probeOfSample(true), 600, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("Yes.").setReasoning(reasoning).setThumbnail(png).build();
        Response other = response("sim-a-" + run, probeOfSample(false), 600, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("Yes.").setReasoning(reasoning).setThumbnail(png).build();
        for (Response response : List.of(example, other)) {
            TopicProbe.send(RESPONSES, response.getProbeId(), response.toByteArray());
        }

        Map<String, ConsumerRecord<String, byte[]>> out = judgmentsById(2);

        Judgment picked = parse(out.get(example.getResponseId()));
        assertThat(picked.getReasoningTail()).isEqualTo("x".repeat(1000));
        assertThat(picked.hasExample()).isTrue();
        assertThat(picked.getExample().getThumbnail()).isEqualTo(png);
        Judgment notPicked = parse(out.get(other.getResponseId()));
        assertThat(notPicked.getReasoningTail()).isEqualTo("x".repeat(1000));
        assertThat(notPicked.hasExample()).isFalse();
    }

    /** A probe name whose sample id ({@code run-probe}) is, or is not, one of the example samples. */
    private String probeOfSample(boolean example) {
        return IntStream.range(0, 1000).mapToObj(i -> "s" + i)
                .filter(probe -> examples.isExample(run + "-" + probe) == example)
                .findFirst().orElseThrow();
    }

    @Test
    void anUnlabelledResponseIsReadNotDeadLettered() {
        Response traffic = response("sim-a-" + run, "traffic", 200, QuestionType.QUESTION_TYPE_MULTI_CHOICE, "", COLOURS)
                .setOutput("<think>blue or green</think>The answer is (C).")
                .mergeSample(SampleRef.newBuilder()
                        .setTask(Task.TASK_PERCEPTION)
                        .setOrigin(Origin.ORIGIN_TRAFFIC)
                        .setRequestId("req-" + run).build())
                .setCorruption(Corruption.CORRUPTION_BLANK_IMAGE)
                .setTrafficMode(TrafficMode.TRAFFIC_MODE_ACTIVE)
                .setReasoningTokens(187).build();
        Response unreadable = response("sim-a-" + run, "unreadable", 0, QuestionType.QUESTION_TYPE_NUMERIC, "", List.of())
                .setOutput("I cannot tell from this image.")
                .mergeSample(SampleRef.newBuilder()
                        .setOrigin(Origin.ORIGIN_TRAFFIC).build())
                .setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE).build();
        Response canary = response("sim-a-" + run, "canary", 0, QuestionType.QUESTION_TYPE_YES_NO, "yes", List.of())
                .setOutput("Yes.")
                .mergeSample(SampleRef.newBuilder()
                        .setOrigin(Origin.ORIGIN_CANARY)
                        .setRequestId("canary-" + run).build()).setReasoningTokens(12).build();
        for (Response response : List.of(traffic, unreadable, canary)) {
            TopicProbe.send(RESPONSES, response.getProbeId(), response.toByteArray());
        }

        Map<String, ConsumerRecord<String, byte[]>> out = judgmentsById(3);

        Judgment read = parse(out.get(traffic.getResponseId()));
        assertThat(read.getVerdict()).isEqualTo(Verdict.VERDICT_UNLABELLED);
        assertThat(read.getExtractedAnswer()).isEqualTo("C");
        assertThat(read.getMethod()).isEqualTo("unlabelled:option_letter");
        assertThat(read.getSample().getGroundTruth()).isEmpty();
        assertThat(read.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
        assertThat(read.getSample().getRequestId()).isEqualTo("req-" + run);
        assertThat(read.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_ACTIVE);
        assertThat(read.getReasoningTokens()).isEqualTo(187);
        assertThat(read.getCorruption()).isEqualTo(Corruption.CORRUPTION_BLANK_IMAGE);

        Judgment unparseable = parse(out.get(unreadable.getResponseId()));
        assertThat(unparseable.getVerdict()).isEqualTo(Verdict.VERDICT_UNLABELLED);
        assertThat(unparseable.getExtractedAnswer()).isEmpty();
        assertThat(unparseable.getMethod()).isEqualTo("unlabelled:unparseable");
        assertThat(unparseable.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_PASSIVE);

        Judgment labelled = parse(out.get(canary.getResponseId()));
        assertThat(labelled.getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        assertThat(labelled.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_CANARY);
        assertThat(labelled.getSample().getRequestId()).isEqualTo("canary-" + run);
        assertThat(labelled.getReasoningTokens()).isEqualTo(12);

        // Nothing of this test reached the dead letters: a marker sent after them is the first of ours there.
        TopicProbe.send(RESPONSES, "marker-" + run, "not a protobuf message".getBytes(StandardCharsets.UTF_8));
        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.read(DLQ, TIMEOUT,
                        records -> records.stream().anyMatch(r -> ("marker-" + run).equals(r.key())))
                .stream().filter(r -> r.key() != null && r.key().contains(run)).toList();
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("marker-" + run);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rhwatch_judge_verdicts_total{method=\"unlabelled:option_letter\",model=\"sim-a-" + run
                        + "\",verdict=\"unlabelled\"} 1.0")));
    }

    private Response.Builder response(String model, String probe, int budget, QuestionType type, String answer,
                                      List<String> choices) {
        String probeId = run + "-" + probe + "|" + model + "|clean";
        return Response.newBuilder()
                .setResponseId(probeId + "|" + budget)
                .setProbeId(probeId)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(run + "-" + probe)
                        .setQuestionType(type)
                        .setGroundTruth(answer)
                        .addAllChoices(choices))
                .setModel(model)
                .setBudget(budget);
    }

    /** This test's judgments on rh.judgments, by judgment id, once {@code count} of them arrived. */
    private Map<String, ConsumerRecord<String, byte[]>> judgmentsById(int count) {
        return ours(TopicProbe.read(JUDGMENTS, TIMEOUT, records -> ours(records).size() >= count)).stream()
                .collect(Collectors.toMap(r -> parse(r).getJudgmentId(), Function.identity()));
    }

    private List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.key() != null && r.key().endsWith(run)).toList();
    }

    private static Judgment parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Judgment.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("rh.judgments holds a record that is not a Judgment", e);
        }
    }

}
