package io.rhwatch.inference.sim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.rhwatch.inference.sim.SimulatorProfile.MISCONFIGURED_MODEL;
import static io.rhwatch.inference.sim.SimulatorProfile.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The service against the real simulator over gRPC, the simulator playing a small GPU (2 slots, 150 ms per request)
 * that fails a fifth of its requests with UNAVAILABLE; then with the simulator stopped, as when Triton goes down.
 */
@QuarkusTest
@TestProfile(SimulatorProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = ModelSimResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InferenceAgainstSimulatorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<BenchmarkSample> SAMPLES = BenchmarkGenerator.generate(8, 3);

    @Test
    @Order(1)
    void reportsAModelWhoseMetadataDoesNotFitItsContractAndDeadLettersItsProbes() {
        Probe probe = probe(MISCONFIGURED_MODEL, 0, List.of(0, 8));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        assertThat(TopicProbe.header(deadLetterOf(probe.getProbeId()).headers(), "dead-letter-reason"))
                .startsWith("model 'rh-sim-drifty' does not fit its contract tensor")
                .contains("input 'max_tokens' (INT32) is missing");
        given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("rh-sim-drifty"))
                .body(containsString("CONTRACT_MISMATCH"))
                .body(containsString("input 'stop_words' (BYTES) is missing"));
    }

    @Test
    @Order(2)
    void keepsRequestsWithinTheModelsLimitPausesTheConsumerAndRetriesUntilEveryProbeIsAnswered() {
        double consumedBefore = recordsConsumed();
        List<Probe> probes = IntStream.range(0, 40).mapToObj(i -> probe(MODEL, i, List.of(0, 8))).toList();
        probes.forEach(probe -> TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray()));

        // 40 probes of 3 calls on 2 slots of 150 ms take about 9 s: at the first answer most must still be unread
        TopicProbe.read("rh.responses", TIMEOUT, read -> read.stream().anyMatch(r -> r.key().startsWith("sim-" + MODEL)));
        assertThat(recordsConsumed() - consumedBefore)
                .as("probes fetched from rh.probes while the first was being answered: the consumer must pause")
                .isLessThan(probes.size());

        List<Response> responses = TopicProbe.read("rh.responses", TIMEOUT,
                        read -> read.stream().filter(r -> r.key().startsWith("sim-" + MODEL)).count() >= 2L * probes.size())
                .stream().filter(r -> r.key().startsWith("sim-" + MODEL)).map(r -> parse(r.value())).toList();

        assertThat(responses).hasSize(2 * probes.size());
        assertThat(responses).extracting(Response::getResponseId).doesNotHaveDuplicates();
        assertThat(responses).allSatisfy(response -> assertThat(response.getOutput()).isNotEmpty());
        assertThat(ModelSimResource.sim().metric("rhwatch_sim_requests_peak_concurrent", ""))
                .as("requests at the simulator at once: the limit, reached and never exceeded")
                .isEqualTo(SimulatorProfile.MODEL_MAX_IN_FLIGHT);
        assertThat(ModelSimResource.sim().metric("rhwatch_sim_faults_total", "fault=\"unavailable\""))
                .as("UNAVAILABLE faults the simulator injected").isPositive();
        assertThat(metric("rhwatch_inference_triton_transient_errors_total", "code=\"UNAVAILABLE\",model=\"" + MODEL + "\""))
                .as("retried calls").isPositive();
        assertThat(metric("rhwatch_inference_triton_requests_total", "model=\"" + MODEL + "\",status=\"OK\""))
                .isGreaterThanOrEqualTo(3.0 * probes.size());
        assertThat(metric("rhwatch_inference_triton_tokens_total", "model=\"" + MODEL + "\"")).isPositive();
        assertThat(metric("rhwatch_inference_triton_latency_seconds_count", "model=\"" + MODEL + "\"")).isPositive();
    }

    @Test
    @Order(3)
    void carriesAThumbnailOfTheImageTheModelSaw() throws IOException {
        Probe probe = probe(MODEL, 1, List.of(0));
        TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray());

        Response response = parse(TopicProbe.read("rh.responses", TIMEOUT,
                        read -> read.stream().anyMatch(r -> r.key().equals(probe.getProbeId())))
                .stream().filter(r -> r.key().equals(probe.getProbeId())).findFirst().orElseThrow().value());

        var thumbnail = ImageIO.read(new ByteArrayInputStream(response.getThumbnail().toByteArray()));
        var original = ImageIO.read(new ByteArrayInputStream(probe.getImage().getData().toByteArray()));
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(96);
        assertThat((double) thumbnail.getWidth() / thumbnail.getHeight())
                .isCloseTo((double) original.getWidth() / original.getHeight(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    @Order(4)
    void holdsProbesWhileTritonIsDownAndAnswersThemOnceItIsBack() {
        List<Probe> probes = IntStream.range(0, 3).mapToObj(i -> probe(MODEL, i, List.of(0, 8))).toList();
        ModelSimResource.sim().stop();
        try {
            probes.forEach(probe -> TopicProbe.send("rh.probes", probe.getProbeId(), probe.toByteArray()));

            // the probes' calls ran out of retries, the service asked Triton and found it gone
            awaitReadiness("Triton at localhost:" + ModelSimResource.sim().grpcPort() + " could not be asked");
            await("the breaker to open", () -> {
                try {
                    return metric("rhwatch_inference_circuit_opened_total", "model=\"" + MODEL + "\"") > 0;
                } catch (AssertionError notOpenedYet) {
                    return false;
                }
            });
        } finally {
            ModelSimResource.sim().start();
        }
        awaitTritonReadyAgain();

        List<ConsumerRecord<String, byte[]>> answered = TopicProbe.read("rh.responses", TIMEOUT, read -> probes.stream()
                .allMatch(probe -> read.stream().filter(r -> r.key().equals(probe.getProbeId())).count() >= 2));
        assertThat(probes).as("every probe sent while Triton was down is answered once it is back").allSatisfy(probe ->
                assertThat(answered).filteredOn(r -> r.key().equals(probe.getProbeId())).hasSize(2));
        // read up to the dead letter of the first test: none of these probes may be among them
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicProbe.read("rh.dlq.inference", TIMEOUT,
                read -> read.stream().anyMatch(r -> r.key().startsWith("sim-" + MISCONFIGURED_MODEL)));
        assertThat(deadLetters).extracting(ConsumerRecord::key)
                .doesNotContainAnyElementsOf(probes.stream().map(Probe::getProbeId).toList());
    }

    /** gRPC reconnects with backoff: wait until the service's own check reaches the simulator again. */
    private static void awaitTritonReadyAgain() {
        awaitReadiness("Triton at localhost:" + ModelSimResource.sim().grpcPort() + " is ready");
    }

    private static void awaitReadiness(String expected) {
        String[] health = {""};
        await("the readiness check to report \"" + expected + "\"", () -> {
            health[0] = given().get("/q/health/ready").then().extract().asString();
            return health[0].contains(expected);
        }, () -> health[0]);
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s for " + what + ":\n" + lastSeen.get());
    }

    private static Probe probe(String model, int sample, List<Integer> budgets) {
        BenchmarkSample source = SAMPLES.get(sample % SAMPLES.size());
        String sampleId = source.id() + "-" + UUID.randomUUID();
        return Probe.newBuilder()
                .setProbeId("sim-" + model + "|" + sampleId + "|clean")
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sampleId)
                        .setTask(source.task().equals("perception") ? Task.TASK_PERCEPTION : Task.TASK_REASONING)
                        .setQuestionType(QuestionType.QUESTION_TYPE_NUMERIC)
                        .addAllChoices(source.choices())
                        .setGroundTruth(source.answer()))
                .setModel(model)
                .setCorruption(Corruption.CORRUPTION_NONE)
                .setQuestion(source.question())
                .setImage(Image.newBuilder().setData(ByteString.copyFrom(source.png())).setMediaType("image/png"))
                .addAllBudgets(budgets)
                .setCreatedAtMs(System.currentTimeMillis())
                .build();
    }

    private static ConsumerRecord<String, byte[]> deadLetterOf(String key) {
        return TopicProbe.read("rh.dlq.inference", TIMEOUT, read -> read.stream().anyMatch(r -> key.equals(r.key())))
                .stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for " + key + " on rh.dlq.inference"));
    }


    /** Records the service's Kafka consumers fetched so far (Kafka's own client metric). */
    private static double recordsConsumed() {
        return metric("kafka_consumer_fetch_manager_records_consumed_total", "client_id=\"kafka-consumer-probes\"");
    }

    /** A metric of the service's /q/metrics, summed over the lines whose labels contain {@code labels}. */
    private static double metric(String name, String labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // a counter touched inside a trace carries an exemplar after its value: "… 21.0 # {span_id=…,trace_id=…} 1.0 …"
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.E+-]+)(?: # .*)?$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (lines.find()) {
            if (lines.group(1).contains(labels)) {
                sum += Double.parseDouble(lines.group(2));
                found = true;
            }
        }
        assertThat(found).as(name + " {" + labels + "} in\n" + metrics).isTrue();
        return sum;
    }

    private static Response parse(byte[] value) {
        try {
            return Response.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("rh.responses holds a record that is not a Response", e);
        }
    }
}
