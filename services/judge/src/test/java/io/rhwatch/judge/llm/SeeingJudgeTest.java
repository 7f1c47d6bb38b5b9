package io.rhwatch.judge.llm;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.judge.messaging.JudgeKafkaResource;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A vision-language judge (rhwatch.judge.llm.sees-image): the real simulator's judge model over gRPC is sent the
 * response's image and rates against what it shows, between real Kafka topics.
 */
@QuarkusTest
@TestProfile(SeeingJudgeProfile.class)
@QuarkusTestResource(JudgeKafkaResource.class)
class SeeingJudgeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String model = "sim-seeing-" + run;

    @Test
    void theJudgeIsSentTheImageAndCountsWhatItShowsAsSupported() throws IOException {
        Response seen = response("seen").setJudgeImage(redCircleAndBlueSquare()).build();
        Response blind = response("blind").build();
        TopicProbe.send("rh.responses", seen.getProbeId(), seen.toByteArray());
        TopicProbe.send("rh.responses", blind.getProbeId(), blind.toByteArray());

        Judgment judged = TopicProbe.read("rh.judgments", TIMEOUT,
                        records -> records.stream().anyMatch(r -> model.equals(r.key()))).stream()
                .filter(r -> model.equals(r.key())).map(SeeingJudgeTest::parse).findFirst().orElseThrow();
        assertThat(judged.getJudgmentId()).isEqualTo(seen.getResponseId());
        assertThat(judged.getMethod()).isEqualTo("llm:rh_bench_rating");
        assertThat(judged.getHallucinationRating()).as("the blue square is in the image").isEqualTo(5);
        assertThat(judged.getVerdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        assertThat(judged.getJudgeReason()).contains("'blue', 'square', which the image shows");

        List<ConsumerRecord<String, byte[]>> dead = TopicProbe.read("rh.dlq.judge", TIMEOUT,
                records -> records.stream().anyMatch(r -> blind.getProbeId().equals(r.key())));
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> blind.getProbeId().equals(r.key())).findFirst().orElseThrow();
        assertThat(TopicProbe.header(letter.headers(), "dead-letter-reason"))
                .startsWith("judge_image: absent; rhwatch.judge.llm.sees-image is on");
    }

    private Response.Builder response(String probe) {
        String probeId = run + "-" + probe + "|" + model + "|clean";
        return Response.newBuilder()
                .setResponseId(probeId + "|100")
                .setProbeId(probeId)
                .setSample(SampleRef.newBuilder()
                        .setSampleId(run + "-" + probe)
                        .setTask(Task.TASK_PERCEPTION)
                        .setQuestionType(QuestionType.QUESTION_TYPE_FREE_FORM)
                        .setGroundTruth("A red circle."))
                .setModel(model)
                .setQuestion("What is in the image?")
                .setOutput("A red circle and a blue square.")
                .setBudget(100);
    }

    private static Image redCircleAndBlueSquare() throws IOException {
        BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.setColor(Color.RED);
        g.fillOval(20, 20, 60, 60);
        g.setColor(Color.BLUE);
        g.fillRect(120, 20, 60, 60);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return Image.newBuilder().setData(ByteString.copyFrom(png.toByteArray())).setMediaType("image/png")
                .setWidth(200).setHeight(100).build();
    }

    private static Judgment parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Judgment.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("rh.judgments holds a record that is not a Judgment", e);
        }
    }
}
