package io.rhwatch.ingestion.traffic;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.ingestion.IngestionRequests;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.ingestion.rest.DashboardMetricsTest;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.TrafficRecord;
import io.rhwatch.testsupport.EmbeddedKafka;
import io.rhwatch.testsupport.GrafanaDashboard;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import jakarta.inject.Inject;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traffic records written straight to rh.traffic, as a production service's protobuf producer writes them, through the
 * running service and a real broker: they become the right samples and passive responses, the sample is the
 * deterministic one, the probe cap holds, and every record is routed, unrouted with a reason, or dead-lettered.
 */
@QuarkusTest
@TestProfile(TrafficProfile.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = true)
class TrafficRoutingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ByteString PNG = ByteString.copyFrom(TestImages.noisePng(16, 12, 3));

    @Inject
    MeterRegistry registry;

    @Test
    void whatAPassiveModelServedBecomesAResponseBucketedByItsObservedLength() throws Exception {
        String requestId = "passive-" + UUID.randomUUID();
        send(List.of(record(requestId, TrafficProfile.PASSIVE).setServedOutput("The circle is red.")
                .setServedReasoningTokens(700).setModelVersion("2025-06").build()));

        String probeId = "traffic:" + requestId + "|" + TrafficProfile.PASSIVE + "|served";
        Response response = response(read("rh.responses", records -> records.stream().anyMatch(r -> probeId.equals(r.key())))
                .stream().filter(r -> probeId.equals(r.key())).findFirst().orElseThrow());
        assertThat(response.getResponseId()).isEqualTo(probeId + "|1024");
        assertThat(response.getBudget()).isEqualTo(1024);
        assertThat(response.getReasoningTokens()).isEqualTo(700);
        assertThat(response.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_PASSIVE);
        assertThat(response.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
        assertThat(response.getModelVersion()).isEqualTo("2025-06");
        assertThat(response.getOutput()).isEqualTo("The circle is red.");
        assertThat(response.getSample().getTask()).isEqualTo(Task.TASK_PERCEPTION);
    }

    @Test
    void theDeterministicSampleOfAnActiveModelsTrafficBecomesSamplesForThatModel() throws Exception {
        String batch = UUID.randomUUID().toString();
        List<String> requestIds = IntStream.range(0, 40).mapToObj(i -> "active-" + batch + "-" + i).toList();
        send(requestIds.stream().map(id -> record(id, TrafficProfile.ACTIVE).build()).toList());
        Set<String> expected = requestIds.stream().filter(id -> TrafficSampling.selected(id, 0.5))
                .map(TrafficIds::sampleId).collect(Collectors.toSet());
        assertThat(expected).as("the hash splits the batch").isNotEmpty().hasSizeLessThan(requestIds.size());

        await().atMost(TIMEOUT).until(() -> count("rhwatch.traffic.read", TrafficProfile.ACTIVE) >= requestIds.size());
        List<Sample> samples = read("rh.samples", records -> keys(records).containsAll(expected)).stream()
                .filter(r -> r.key().startsWith("traffic:active-" + batch)).map(TrafficRoutingTest::sample).toList();

        assertThat(samples).extracting(Sample::getSampleId).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
            assertThat(sample.getTargetModel()).isEqualTo(TrafficProfile.ACTIVE);
            assertThat(sample.getRequestId()).isEqualTo(sample.getSampleId().substring("traffic:".length()));
            assertThat(sample.getImage().getWidth()).isEqualTo(16);
            assertThat(sample.getAnswer()).isEmpty();
        });
    }

    /** A burst far over the cap: what gets through is at most the cap's rate over the time it took, plus its burst. */
    @Test
    void aBurstOverTheCapIsProbedAtTheCappedRateAndTheRestSkippedAndCounted() throws Exception {
        int burst = 300;
        long started = System.nanoTime();
        send(IntStream.range(0, burst).mapToObj(i -> record("capped-" + UUID.randomUUID(), TrafficProfile.CAPPED).build()).toList());
        // a record is counted as read before its route is decided: wait for every decision, not only every read
        await().atMost(TIMEOUT).until(() -> count("rhwatch.traffic.sampled", TrafficProfile.CAPPED)
                + count("rhwatch.traffic.skipped.over.cap", TrafficProfile.CAPPED) >= burst);
        double seconds = (System.nanoTime() - started) / 1e9;

        double sampled = count("rhwatch.traffic.sampled", TrafficProfile.CAPPED);
        double overCap = count("rhwatch.traffic.skipped.over.cap", TrafficProfile.CAPPED);
        assertThat(count("rhwatch.traffic.read", TrafficProfile.CAPPED)).isEqualTo(burst);
        // one sample a second, and the one-second burst the bucket starts with
        assertThat(sampled).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(1 + Math.ceil(seconds) * TrafficProfile.CAPPED_PROBES_PER_SECOND / 4);
        assertThat(sampled + overCap).isEqualTo(burst);
        assertThat(unrouted(TrafficProfile.CAPPED, "over_cap")).isEqualTo(overCap);
    }

    /** Every record read is routed, unrouted with a reason, or dead-lettered with a reason: none vanishes. */
    @Test
    void nothingIsLostEveryRecordIsRoutedCountedOrDeadLettered() throws Exception {
        String batch = UUID.randomUUID().toString();
        String garbageKey = "garbage-" + batch;
        TopicProbe.send("rh.traffic", garbageKey, "not a traffic record".getBytes(StandardCharsets.UTF_8));
        TrafficRecord badModel = record("bad-model-" + batch, "a|b").build();
        TrafficRecord noImage = record("no-image-" + batch, TrafficProfile.BOTH).clearImage().build();
        TrafficRecord badId = record("bad id " + batch, TrafficProfile.BOTH).build();
        // served, so its passive response is written before the record is dead-lettered for its missing image
        TrafficRecord servedNoImage = record("served-no-image-" + batch, TrafficProfile.BOTH).clearImage()
                .setServedOutput("B").setServedReasoningTokens(20).build();
        double bothBefore = count("rhwatch.traffic.read", TrafficProfile.BOTH);
        List<TrafficRecord> good = List.of(
                record("both-" + batch, TrafficProfile.BOTH).setServedOutput("A").setServedReasoningTokens(10).build(),
                record("both-unserved-" + batch, TrafficProfile.BOTH).build());
        send(List.of(badModel, noImage, badId, servedNoImage, good.get(0), good.get(1)));

        Map<String, String> reasons = read("rh.dlq.ingestion", records -> keys(records).containsAll(
                        List.of(garbageKey, badModel.getRequestId(), noImage.getRequestId(), badId.getRequestId(),
                                servedNoImage.getRequestId()))).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> TopicProbe.header(r.headers(), "dead-letter-reason"), (a, b) -> b));
        assertThat(reasons.get(garbageKey)).startsWith("value: not a rhwatch.v1.TrafficRecord");
        assertThat(reasons.get(badModel.getRequestId())).startsWith("model: contains '|'");
        assertThat(reasons.get(noImage.getRequestId())).startsWith("image: is empty");
        assertThat(reasons.get(badId.getRequestId())).startsWith("request_id: may hold only the characters");
        assertThat(reasons.get(servedNoImage.getRequestId())).startsWith("image: is empty");

        List<String> sampleIds = good.stream().map(r -> TrafficIds.sampleId(r.getRequestId())).toList();
        assertThat(keys(read("rh.samples", records -> keys(records).containsAll(sampleIds)))).containsAll(sampleIds);
        List<String> served = List.of(TrafficIds.servedProbeId(good.get(0).getRequestId(), TrafficProfile.BOTH),
                TrafficIds.servedProbeId(servedNoImage.getRequestId(), TrafficProfile.BOTH));
        assertThat(keys(read("rh.responses", records -> keys(records).containsAll(served)))).containsAll(served);
        await().atMost(TIMEOUT).untilAsserted(() -> {
            // the image-less records were read for their model, then refused: the served one is routed (its passive
            // response) and dead-lettered (its probe), the other is routed nowhere
            assertThat(count("rhwatch.traffic.read", TrafficProfile.BOTH) - bothBefore).isEqualTo(4);
            assertThat(registry.find("rhwatch.dead.letters").tag("topic", "rh.traffic").counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isGreaterThanOrEqualTo(5);
        });
        assertThat(count("rhwatch.traffic.routed", TrafficProfile.BOTH) + unrouted(TrafficProfile.BOTH, null)
                + 1 /* the image-less one, dead-lettered */).isEqualTo(count("rhwatch.traffic.read", TrafficProfile.BOTH));
    }

    @Test
    void theDashboardsTrafficMetersAreExportedOnceAModelsTrafficIsRead() throws Exception {
        Set<String> wanted = GrafanaDashboard.load().metricsOf("ingestion").stream()
                .filter(DashboardMetricsTest::isTrafficRouterMeter).collect(Collectors.toSet());
        assertThat(wanted).contains("rhwatch_traffic_read_total", "rhwatch_traffic_probes_per_second");
        String requestId = "dashboard-" + UUID.randomUUID();
        send(List.of(record(requestId, TrafficProfile.BOTH).setServedOutput("red").setServedReasoningTokens(30).build()));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            String exposition = IngestionRequests.request().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(GrafanaDashboard.missingFrom(exposition, wanted)).as("queried by the dashboard, not exported").isEmpty();
        });
    }

    private double count(String name, String model) {
        FunctionCounter counter = registry.find(name).tag("model", model).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private double unrouted(String model, String reason) {
        var search = registry.find("rhwatch.traffic.unrouted").tag("model", model);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    private static TrafficRecord.Builder record(String requestId, String model) {
        return TrafficRecord.newBuilder()
                .setRequestId(requestId)
                .setTimestampMs(System.currentTimeMillis())
                .setModel(model)
                .setQuestion("What colour is the circle?")
                .addChoices("red")
                .addChoices("blue")
                .setImage(Image.newBuilder().setData(PNG).setMediaType("image/png"));
    }

    /** One producer for the batch, keyed by request id, as a production service writes traffic. */
    private static void send(List<TrafficRecord> records) throws InterruptedException, ExecutionException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (TrafficRecord record : records) {
                producer.send(new ProducerRecord<>("rh.traffic", record.getRequestId(), record.toByteArray()));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return TopicProbe.read(topic, TIMEOUT, done);
    }

    private static Set<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Sample sample(ConsumerRecord<String, byte[]> record) {
        try {
            return Sample.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Response response(ConsumerRecord<String, byte[]> record) {
        try {
            return Response.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
