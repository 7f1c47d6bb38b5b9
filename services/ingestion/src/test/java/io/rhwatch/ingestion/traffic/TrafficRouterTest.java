package io.rhwatch.ingestion.traffic;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.ingestion.TestImages;
import io.rhwatch.ingestion.service.DecodeUnavailableException;
import io.rhwatch.ingestion.service.ImageDecoder;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.TrafficRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The router's decisions, on a clock the test moves: no timing in the test, only simulated time. */
class TrafficRouterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final ByteString PNG = ByteString.copyFrom(TestImages.noisePng(8, 6, 1));

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TrafficRouter router = router(Map.of(
            "rhwatch.ingestion.traffic.models.\"rh-both\".mode", "both",
            "rhwatch.ingestion.traffic.models.\"rh-both\".sample-fraction", "1",
            "rhwatch.ingestion.traffic.models.\"rh-both\".max-probes-per-second", "1000",
            "rhwatch.ingestion.traffic.models.\"rh-flood\".mode", "active",
            "rhwatch.ingestion.traffic.models.\"rh-flood\".sample-fraction", "0.5",
            "rhwatch.ingestion.traffic.models.\"rh-flood\".max-probes-per-second", "20"));

    private TrafficRouter router(Map<String, String> properties) {
        TrafficUnitConfig config = new TrafficUnitConfig(properties);
        return new TrafficRouter(config.traffic(), new ImageDecoder(config.ingestion()), registry, now::get);
    }

    @Test
    void whatTheModelServedBecomesAPassiveResponseAtTheUpperEdgeOfItsLengthsBucket() {
        TrafficRecord record = record("req-1", "rh-served").setServedOutput("B").setServedReasoningTokens(300)
                .setModelVersion("v3").setTimestampMs(1234).build();

        TrafficRouter.Route route = router.route(record);

        assertThat(route.sample()).as("passive is the default mode: no GPU").isEmpty();
        Response response = route.passive().orElseThrow();
        assertThat(response.getProbeId()).isEqualTo("traffic:req-1|rh-served|served");
        assertThat(response.getResponseId()).isEqualTo("traffic:req-1|rh-served|served|512");
        assertThat(response.getSample().getSampleId()).isEqualTo("traffic:req-1");
        assertThat(response.getBudget()).isEqualTo(512);
        assertThat(response.getReasoningTokens()).isEqualTo(300);
        assertThat(response.getOutput()).isEqualTo("B");
        assertThat(response.getTrafficMode()).isEqualTo(TrafficMode.TRAFFIC_MODE_PASSIVE);
        assertThat(response.getSample().getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
        assertThat(response.getCorruption()).isEqualTo(Corruption.CORRUPTION_NONE);
        assertThat(response.getModel()).isEqualTo("rh-served");
        assertThat(response.getModelVersion()).isEqualTo("v3");
        assertThat(response.getSample().getRequestId()).isEqualTo("req-1");
        assertThat(response.getSample().getGroundTruth()).isEmpty();
        assertThat(response.getCreatedAtMs()).isEqualTo(1234);
        assertThat(response.getSample().getTask()).as("by the rule: read off the image").isEqualTo(Task.TASK_PERCEPTION);
        assertThat(response.getSample().getQuestionType()).isEqualTo(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(response.getSample().getChoicesList()).containsExactly("red", "blue");
    }

    @Test
    void lengthsFallInTheBucketOfTheSmallestEdgeAtOrAboveThem() {
        LengthBuckets buckets = new LengthBuckets(java.util.List.of(0, 256, 512));
        assertThat(buckets.upperEdge(0)).hasValue(0);
        assertThat(buckets.upperEdge(1)).hasValue(256);
        assertThat(buckets.upperEdge(256)).hasValue(256);
        assertThat(buckets.upperEdge(257)).hasValue(512);
        assertThat(buckets.upperEdge(513)).isEmpty();
        assertThatThrownBy(() -> new LengthBuckets(java.util.List.of(0, 512, 256)))
                .hasMessageContaining("rhwatch.ingestion.traffic.bucket-edges");
    }

    @Test
    void aSampledRequestBecomesASampleForItsModelAloneWithIdsFromTheRequestId() {
        TrafficRecord record = record("req-2", "rh-both").setServedOutput("A").setServedReasoningTokens(0)
                .setModelVersion("v3").setTask(Task.TASK_REASONING).setAnswer("A").build();

        TrafficRouter.Route route = router.route(record);

        Sample sample = route.sample().orElseThrow();
        assertThat(sample.getSampleId()).isEqualTo("traffic:req-2");
        assertThat(sample.getOrigin()).isEqualTo(Origin.ORIGIN_TRAFFIC);
        assertThat(sample.getTargetModel()).isEqualTo("rh-both");
        assertThat(sample.getTargetModelVersion()).isEqualTo("v3");
        assertThat(sample.getRequestId()).isEqualTo("req-2");
        assertThat(sample.getTask()).as("the hint wins").isEqualTo(Task.TASK_REASONING);
        assertThat(sample.getAnswer()).isEqualTo("A");
        assertThat(sample.getEpoch()).isZero();
        assertThat(sample.getImage().getWidth()).as("read from the image").isEqualTo(8);
        assertThat(sample.getImage().getHeight()).isEqualTo(6);
        assertThat(sample.getImage().getMediaType()).isEqualTo("image/png");
        assertThat(route.passive()).as("both modes").hasValueSatisfying(response -> assertThat(response.getBudget()).isZero());
        TrafficRouter.Route again = router.route(record);
        assertThat(again.sample().orElseThrow().toBuilder().clearIngestedAtMs().build())
                .as("the same request, the same sample").isEqualTo(sample.toBuilder().clearIngestedAtMs().build());
        assertThat(again.passive().orElseThrow().toBuilder().clearCreatedAtMs().build()).as("and the same response")
                .isEqualTo(route.passive().orElseThrow().toBuilder().clearCreatedAtMs().build());
    }

    @Test
    void anIdTooLongOrUnfitForASampleIdIsHashed() {
        String longId = "r".repeat(125);
        assertThat(TrafficIds.sampleId(longId)).startsWith("traffic:sha256:").hasSize(55).matches("[A-Za-z0-9._:-]{1,128}")
                .isEqualTo(TrafficIds.sampleId(longId));
        assertThat(TrafficIds.sampleId("r".repeat(120))).isEqualTo("traffic:" + "r".repeat(120));
        // a request id shaped like a hashed one is hashed too, so it cannot take another request's id
        String hashed = TrafficIds.sampleId(longId).substring("traffic:".length());
        assertThat(TrafficIds.sampleId(hashed)).startsWith("traffic:sha256:").isNotEqualTo(TrafficIds.sampleId(longId));
    }

    @Test
    void aSampledRecordWithoutAnImageIsRefusedNamingTheField() {
        TrafficRecord record = record("req-3", "rh-both").clearImage().build();
        assertThatThrownBy(() -> router.route(record)).isInstanceOf(InvalidFieldException.class).hasMessageStartingWith("image:");
    }

    @Test
    void aRecordMonitoredBothWaysWhoseImageIsRefusedStillGivesItsPassiveResponse() {
        TrafficRecord record = record("req-4", "rh-both").clearImage().setServedOutput("A").setServedReasoningTokens(40).build();

        TrafficRouter.Route route = router.route(record);

        assertThat(route.sample()).isEmpty();
        assertThat(route.passive()).hasValueSatisfying(response -> assertThat(response.getBudget()).isEqualTo(256));
        assertThat(route.activeRefused()).as("then dead-lettered with the reason")
                .hasValueSatisfying(refused -> assertThat(refused).hasMessageStartingWith("image:"));
    }

    @Test
    void aBusyDecoderIsWaitedForAndOnlyThenDoesTheRecordFail() {
        TrafficUnitConfig config = new TrafficUnitConfig(Map.of(
                "rhwatch.ingestion.traffic.defaults.mode", "active",
                "rhwatch.ingestion.traffic.defaults.sample-fraction", "1",
                "rhwatch.ingestion.traffic.defaults.max-probes-per-second", "1000",
                "rhwatch.ingestion.traffic.decode-retries", "2"));
        AtomicInteger busyFor = new AtomicInteger(2);
        ImageDecoder busy = new ImageDecoder(config.ingestion()) {
            @Override
            public Image decode(byte[] bytes, String declaredMediaType) {
                if (busyFor.getAndDecrement() > 0) {
                    throw new DecodeUnavailableException("image: every decode slot is busy", null);
                }
                return super.decode(bytes, declaredMediaType);
            }
        };
        TrafficRouter patient = new TrafficRouter(config.traffic(), busy, registry, now::get);

        assertThat(patient.route(record("req-5", "rh-any").build()).sample()).as("busy twice, then decoded").isPresent();

        busyFor.set(3);
        assertThatThrownBy(() -> patient.route(record("req-6", "rh-any").build())).as("busy past the last retry")
                .isInstanceOf(DecodeUnavailableException.class);
    }

    /**
     * A flood at 50 times what the cap allows, for ten simulated minutes: the probes sent per second stay within 5% of
     * the configured 20 (they may exceed it only by the one-second burst the bucket starts with), each record over the
     * cap is skipped and counted, and the gauges say so.
     */
    @Test
    void aFloodIsProbedAtTheConfiguredRateAndTheRestIsSkippedAndCounted() {
        int perSecond = 2_000;
        int seconds = 600;
        long sampledRequests = 0;
        long start = now.get();
        for (int i = 0; i < perSecond * seconds; i++) {
            now.set(start + (long) i * SECOND / perSecond);
            String requestId = "flood-" + i;
            TrafficRouter.Route route = router.route(record(requestId, "rh-flood").build());
            if (TrafficSampling.selected(requestId, 0.5)) {
                sampledRequests++;
            } else {
                assertThat(route.sample()).as("never a request outside the sample").isEmpty();
            }
        }
        now.set(start + seconds * SECOND);

        double achievedProbesPerSecond = count("rhwatch.traffic.sampled", "rh-flood") * 4 / seconds;
        assertThat(achievedProbesPerSecond).isCloseTo(20, within(20 * 0.05));
        assertThat(gauge("rhwatch.traffic.probes.per.second", "rh-flood")).isCloseTo(20, within(20 * 0.05));
        assertThat(count("rhwatch.traffic.read", "rh-flood")).isEqualTo(perSecond * seconds);
        assertThat(count("rhwatch.traffic.sampled", "rh-flood") + count("rhwatch.traffic.skipped.over.cap", "rh-flood"))
                .as("every sampled request was probed or skipped over the cap").isEqualTo(sampledRequests);
        assertThat(count("rhwatch.traffic.routed", "rh-flood") + unrouted("rh-flood"))
                .as("every record routed or unrouted with a reason").isEqualTo(perSecond * seconds);
        // 4 probes a sample, each one thinking and 8 answers: 36 generations per probed request
        assertThat(gauge("rhwatch.traffic.generations.per.request", "rh-flood"))
                .isCloseTo(count("rhwatch.traffic.sampled", "rh-flood") * 36 / (perSecond * seconds), within(1e-9));
    }

    @Test
    void activeOnlyTrafficOutsideTheSampleAndPassiveTrafficWithoutWhatWasServedAreCountedAsUnrouted() {
        router.route(record("nothing-served", "rh-served").build());
        router.route(record("too-long", "rh-served").setServedOutput("A").setServedReasoningTokens(20_000).build());

        assertThat(registry.find("rhwatch.traffic.unrouted").tags("model", "rh-served", "reason", "not_served").functionCounter().count()).isEqualTo(1);
        assertThat(registry.find("rhwatch.traffic.unrouted").tags("model", "rh-served", "reason", "beyond_buckets").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void theSampleIsDeterministicAndHoldsTheConfiguredShareOfRequests() {
        int n = 100_000;
        long chosen = 0;
        for (int i = 0; i < n; i++) {
            String id = "req-" + i;
            boolean selected = TrafficSampling.selected(id, 0.05);
            assertThat(TrafficSampling.selected(id, 0.05)).isEqualTo(selected);
            if (selected) {
                chosen++;
                assertThat(TrafficSampling.selected(id, 0.10)).as("a larger fraction keeps every request chosen before").isTrue();
            }
        }
        assertThat((double) chosen / n).isCloseTo(0.05, within(0.003));
    }

    private double gauge(String name, String model) {
        return registry.find(name).tag("model", model).gauge().value();
    }

    private double count(String name, String model) {
        return registry.find(name).tag("model", model).functionCounter().count();
    }

    private double unrouted(String model) {
        return registry.find("rhwatch.traffic.unrouted").tag("model", model).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }

    private static TrafficRecord.Builder record(String requestId, String model) {
        return TrafficRecord.newBuilder()
                .setRequestId(requestId)
                .setModel(model)
                .setQuestion("What colour is the circle?")
                .addChoices("red")
                .addChoices("blue")
                .setImage(Image.newBuilder().setData(PNG).setMediaType("image/png"));
    }
}
