package io.rhwatch.judge.llm;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.judge.messaging.JudgeKafkaResource;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.rhwatch.judge.llm.LlmJudgeProfile.JUDGE_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM judge on, against the real simulator's judge model over gRPC, between real Kafka topics. The last test
 * stops the simulator, so it runs last.
 */
@QuarkusTest
@TestProfile(LlmJudgeProfile.class)
@QuarkusTestResource(JudgeKafkaResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmJudgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RESPONSES = "rh.responses";
    private static final String JUDGMENTS = "rh.judgments";
    private static final String DLQ = "rh.dlq.judge";
    private static final String TABLE = "What is on the table in the image?";
    private static final List<String> POINTS = List.of("12", "14", "16");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "sim-llm-" + run;

    @Test
    @Order(1)
    void theJudgeModelRatesOpenEndedPerceptionAndDecidesWhatTheRulesCouldNot() {
        Response faithful = response("faithful", Task.TASK_PERCEPTION, QuestionType.QUESTION_TYPE_FREE_FORM, "A red apple.")
                .setQuestion(TABLE).setOutput("There is a red apple on the table.").build();
        Response invented = response("invented", Task.TASK_PERCEPTION, QuestionType.QUESTION_TYPE_FREE_FORM, "A red apple.")
                .setQuestion(TABLE).setOutput("A green pear and a knife.").build();
        Response inWords = response("in-words", Task.TASK_REASONING, QuestionType.QUESTION_TYPE_MULTI_CHOICE, "B")
                .setQuestion("How many points in total? Answer with the option letter.")
                .mergeSample(SampleRef.newBuilder()
                        .addAllChoices(POINTS).build())
                .setOutput("Fourteen points, which is the second option.").build();
        Response refusal = response("refusal", Task.TASK_REASONING, QuestionType.QUESTION_TYPE_NUMERIC, "14")
                .setQuestion("How many points in total?").setOutput("I cannot determine the total from this image.").build();
        Response byRule = response("by-rule", Task.TASK_REASONING, QuestionType.QUESTION_TYPE_NUMERIC, "14")
                .setQuestion("How many points in total?").setOutput("**Answer:** 12").build();
        Response perceptionChoice = response("choice-in-words", Task.TASK_PERCEPTION, QuestionType.QUESTION_TYPE_MULTI_CHOICE, "A")
                .setQuestion("Which colour is the circle?")
                .mergeSample(SampleRef.newBuilder()
                        .addAllChoices(List.of("red", "blue")).build())
                .setOutput("Looking closely, it seems to be the first colour listed; definitely not the second.").build();
        for (Response response : List.of(faithful, invented, inWords, refusal, byRule, perceptionChoice)) {
            TopicProbe.send(RESPONSES, response.getProbeId(), response.toByteArray());
        }

        Map<String, Judgment> judged = judgmentsById(6);

        Judgment rated = judged.get(faithful.getResponseId());
        assertThat(rated.getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        assertThat(rated.getMethod()).as("RH-Bench's rubric by default").isEqualTo("llm:rh_bench_rating");
        assertThat(rated.hasHallucinationRating()).isTrue();
        assertThat(rated.getHallucinationRating()).isEqualTo(5);
        assertThat(rated.getJudgeModel()).isEqualTo(JUDGE_MODEL);
        assertThat(rated.getJudgeReason()).isEqualTo("The response names 'red', 'apple', as the standard answer does, and nothing else.");
        assertThat(rated.getExtractedAnswer()).isEqualTo("There is a red apple on the table.");
        assertThat(rated.getSample().getGroundTruth()).isEqualTo("A red apple.");
        assertThat(rated.getQuestion()).isEqualTo(TABLE);

        Judgment hallucinated = judged.get(invented.getResponseId());
        assertThat(hallucinated.getVerdict()).isEqualTo(Verdict.VERDICT_INCORRECT);
        assertThat(hallucinated.getHallucinationRating()).isZero();
        assertThat(hallucinated.getJudgeReason()).startsWith("The response names 'green', 'pear', 'knife', which the standard answer does not support");

        Judgment decided = judged.get(inWords.getResponseId());
        assertThat(decided.getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        assertThat(decided.getMethod()).isEqualTo("llm:correctness");
        assertThat(decided.getExtractedAnswer()).isEqualTo("14");
        assertThat(decided.hasHallucinationRating()).isFalse();
        assertThat(decided.getJudgeModel()).isEqualTo(JUDGE_MODEL);
        assertThat(decided.getJudgeReason()).isEqualTo("The response's final number 14 equals the standard answer 14.");

        Judgment noAnswer = judged.get(refusal.getResponseId());
        assertThat(noAnswer.getVerdict()).as("the judge found no final answer either").isEqualTo(Verdict.VERDICT_UNPARSEABLE);
        assertThat(noAnswer.getMethod()).isEqualTo("llm:correctness");
        assertThat(noAnswer.getExtractedAnswer()).isEmpty();

        Judgment choice = judged.get(perceptionChoice.getResponseId());
        assertThat(choice.getMethod()).as("a multiple-choice answer the rules cannot read goes to the correctness prompt, "
                + "whatever its task").isEqualTo("llm:correctness");

        Judgment rule = judged.get(byRule.getResponseId());
        assertThat(rule.getVerdict()).isEqualTo(Verdict.VERDICT_INCORRECT);
        assertThat(rule.getMethod()).as("the rules decided; the judge model was not asked").isEqualTo("rule:number");
        assertThat(rule.getJudgeModel()).isEmpty();
        assertThat(rule.hasHallucinationRating()).isFalse();
    }

    @Test
    @Order(2)
    void aJudgeCallThatStillFailsIsDeadLetteredWithItsCauseAndTheStreamGoesOn() {
        ModelSimResource.sim().stop();
        Response unjudgeable = response("unreachable", Task.TASK_PERCEPTION, QuestionType.QUESTION_TYPE_FREE_FORM, "A red apple.")
                .setQuestion(TABLE).setOutput("A red apple.").build();
        Response after = response("after", Task.TASK_PERCEPTION, QuestionType.QUESTION_TYPE_YES_NO, "yes")
                .setOutput("Yes.").build();
        TopicProbe.send(RESPONSES, unjudgeable.getProbeId(), unjudgeable.toByteArray());
        TopicProbe.send(RESPONSES, after.getProbeId(), after.toByteArray());

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.read(DLQ, TIMEOUT, records -> !ours(records).isEmpty());
        ConsumerRecord<String, byte[]> letter = ours(dead).get(0);
        assertThat(letter.value()).isEqualTo(unjudgeable.toByteArray());
        assertThat(TopicProbe.header(letter.headers(), "dead-letter-reason"))
                .startsWith("llm judge: model '" + JUDGE_MODEL + "' at localhost:" + ModelSimResource.sim().grpcPort()
                        + " still failing after 2 retries: UNAVAILABLE");

        Map<String, Judgment> judged = judgmentsById(1);
        assertThat(judged).containsOnlyKeys(after.getResponseId());
        assertThat(judged.get(after.getResponseId()).getMethod()).isEqualTo("rule:yes_no");
    }

    private Response.Builder response(String probe, Task task, QuestionType type, String answer) {
        String probeId = run + "-" + probe + "|" + model + "|clean";
        return Response.newBuilder()
                .setResponseId(probeId + "|200")
                .setProbeId(probeId)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(run + "-" + probe)
                        .setTask(task)
                        .setQuestionType(type)
                        .setGroundTruth(answer))
                .setModel(model)
                .setBudget(200);
    }

    /** This test's judgments, by judgment id, once {@code count} of them arrived. */
    private Map<String, Judgment> judgmentsById(int count) {
        return TopicProbe.read(JUDGMENTS, TIMEOUT, records -> ourJudgments(records).size() >= count).stream()
                .filter(r -> model.equals(r.key()))
                .map(LlmJudgeTest::parse)
                .collect(Collectors.toMap(Judgment::getJudgmentId, Function.identity()));
    }

    private List<ConsumerRecord<String, byte[]>> ourJudgments(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> model.equals(r.key())).toList();
    }

    /** Dead letters keep the original key, the probe id, which starts with this test's run. */
    private List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().filter(r -> r.key() != null && r.key().startsWith(run)).toList();
    }

    private static Judgment parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Judgment.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("rh.judgments holds a record that is not a Judgment", e);
        }
    }

}
