package io.rhwatch.corruption.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rhwatch.corruption.TestSamples;
import io.rhwatch.corruption.service.DonorPool;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.testsupport.KafkaBrokerResource;
import io.rhwatch.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real broker: samples in, probes out, bad records to the DLQ; on topics of its own
 * ({@link OwnTopicsProfile}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@TestProfile(OwnTopicsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorruptionPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> MODELS = List.of("rh-sim-steady", "rh-sim-drifty");
    private static final Set<String> CORRUPTIONS = Set.of("clean", "blank_image", "random_image", "text_removal");

    /** Runs first: the service has seen no sample yet, and the first one does not wait for another. */
    @Test
    @Order(1)
    void eachSampleBecomesFourProbesPerModelAtOnceWithTheDonorItsIdChooses() {
        Sample first = TestSamples.sample("pair-1", 24, 16, 1);
        Sample second = TestSamples.sample("pair-2", 20, 20, 2);
        DonorPool donors = DonorPool.bundled(64);

        TopicProbe.send(OwnTopicsProfile.SAMPLES, first.getSampleId(), first.toByteArray());
        assertThat(probesOf(Set.of("pair-1"))).as("the first sample alone").hasSize(8);
        TopicProbe.send(OwnTopicsProfile.SAMPLES, second.getSampleId(), second.toByteArray());

        Map<String, Probe> probes = probesOf(Set.of("pair-1", "pair-2"));
        assertThat(probes).hasSize(16);
        for (Sample sample : List.of(first, second)) {
            DonorPool.Donor donor = donors.donorFor(sample).donor();
            for (String model : MODELS) {
                for (String corruption : CORRUPTIONS) {
                    assertThat(probes).containsKey(sample.getSampleId() + "|" + model + "|" + corruption);
                }
                Probe clean = probes.get(sample.getSampleId() + "|" + model + "|clean");
                assertThat(clean.getImage()).isEqualTo(sample.getImage());
                assertThat(clean.getQuestion()).isEqualTo(sample.getQuestion());
                assertThat(clean.getBudgetsList()).containsExactly(0, 50, 100, 150, 200, 300, 400, 600);

                Probe blank = probes.get(sample.getSampleId() + "|" + model + "|blank_image");
                assertThat(blank.getCorruption()).isEqualTo(Corruption.CORRUPTION_BLANK_IMAGE);
                assertThat(blank.getImage().getData()).isNotEqualTo(sample.getImage().getData());
                assertThat(blank.getImage().getWidth()).isEqualTo(sample.getImage().getWidth());
                assertThat(blank.getImage().getHeight()).isEqualTo(sample.getImage().getHeight());

                Probe random = probes.get(sample.getSampleId() + "|" + model + "|random_image");
                assertThat(random.getImageDonorSampleId()).isEqualTo(donor.donorId());
                assertThat(random.getImage()).isEqualTo(donor.image());

                Probe textRemoved = probes.get(sample.getSampleId() + "|" + model + "|text_removal");
                assertThat(textRemoved.getQuestion()).isEqualTo("Answer with a number.");
                assertThat(textRemoved.getImage()).isEqualTo(sample.getImage());
                assertThat(textRemoved.getBudgetsList()).isEqualTo(clean.getBudgetsList());
            }
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    /** The bytes cannot be read as a Sample: dead-lettered by UndecodableRecords before the consumer sees them. */
    @Test
    @Order(2)
    void anUndecodableRecordIsDeadLetteredWithItsReasonAndBytesCountedAndTheStreamGoesOn() {
        TopicProbe.send(OwnTopicsProfile.SAMPLES, "garbage-1", new byte[]{0, 1, 2, 3});
        Sample after = TestSamples.sample("after-garbage", 12, 12, 3);
        TopicProbe.send(OwnTopicsProfile.SAMPLES, after.getSampleId(), after.toByteArray());

        ConsumerRecord<String, byte[]> garbage = deadLetterOf("garbage-1");
        assertThat(garbage.value()).as("there is no Sample to write back").isNull();
        assertThat(garbage.headers().lastHeader("deserialization-failure-value-data").value()).containsExactly(0, 1, 2, 3);
        assertThat(TopicProbe.header(garbage.headers(), "dead-letter-reason"))
                .startsWith("value: not a rhwatch.v1.Sample (record on " + OwnTopicsProfile.SAMPLES + ")");

        Map<String, Probe> probes = probesOf(Set.of("after-garbage"));
        assertThat(probes).hasSize(8);
        assertThat(probes.get("after-garbage|rh-sim-drifty|random_image").getImageDonorSampleId())
                .startsWith("rhb-" + DonorPool.BUNDLED_SEED + "-");
        assertCounted("rhwatch_dead_letters_total{reason=\"value\",topic=\"" + OwnTopicsProfile.SAMPLES + "\"} 1.0");
    }

    /** A Sample that cannot become probes: refused by the consumer, written back as it came, counted by the field at fault. */
    @Test
    @Order(3)
    void aRefusedSampleIsDeadLetteredWithTheFieldAtFault() {
        Sample noQuestion = TestSamples.sample("no-question", 12, 12, 4).toBuilder().setQuestion(" ").build();
        TopicProbe.send(OwnTopicsProfile.SAMPLES, noQuestion.getSampleId(), noQuestion.toByteArray());

        ConsumerRecord<String, byte[]> refused = deadLetterOf(noQuestion.getSampleId());
        assertThat(refused.value()).isEqualTo(noQuestion.toByteArray());
        assertThat(TopicProbe.header(refused.headers(), "dead-letter-reason")).isEqualTo("question: is empty (sample no-question)");
        assertCounted("rhwatch_dead_letters_total{reason=\"question\",topic=\"" + OwnTopicsProfile.SAMPLES + "\"} 1.0");
    }

    private static ConsumerRecord<String, byte[]> deadLetterOf(String key) {
        return TopicProbe.read(OwnTopicsProfile.DEAD_LETTERS, WAIT, records -> records.stream().anyMatch(r -> key.equals(r.key())))
                .stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow(() -> new AssertionError(key + " was not dead-lettered"));
    }

    private static void assertCounted(String sample) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().when().get("/q/metrics").then().statusCode(200)
                .extract().asString()).contains(sample));
    }

    /**
     * Reads the probes topic until all 8 probes of each sample arrived, by probe id; each is keyed by its sample's id,
     * so that a sample's probes share a partition and a compressed batch.
     */
    private static Map<String, Probe> probesOf(Set<String> sampleIds) {
        int expected = sampleIds.size() * MODELS.size() * CORRUPTIONS.size();
        List<ConsumerRecord<String, byte[]>> records = TopicProbe.read(OwnTopicsProfile.PROBES, WAIT,
                read -> read.stream().filter(r -> sampleIds.contains(r.key())).count() >= expected);
        List<ConsumerRecord<String, byte[]>> ours = records.stream().filter(r -> sampleIds.contains(r.key())).toList();
        ours.forEach(r -> assertThat(parse(r.value()).getSample().getSampleId()).isEqualTo(r.key()));
        assertThat(ours.stream().map(r -> r.key() + "@" + r.partition()).distinct().count())
                .as("every probe of a sample on the sample's one partition")
                .isEqualTo(sampleIds.size());
        return ours.stream().map(r -> parse(r.value()))
                .collect(Collectors.toMap(Probe::getProbeId, probe -> probe, (a, b) -> a));
    }

    private static Probe parse(byte[] value) {
        try {
            return Probe.parseFrom(value);
        } catch (Exception e) {
            throw new AssertionError("not a Probe", e);
        }
    }
}
