package io.rhwatch.corruption.service;

import io.rhwatch.corruption.TestSamples;
import io.rhwatch.proto.v1.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DonorPoolTest {

    private static final byte[] SHARED_IMAGE = TestSamples.png(8, 8, 99);

    @Test
    void theFirstSampleIsHeldUntilAnotherImageArrivesThenBothLendEachOtherTheirImage() {
        DonorPool<String> pool = new DonorPool<>(64);
        Sample first = TestSamples.sample("first", 8, 8, 1);
        Sample second = TestSamples.sample("second", 8, 8, 2);

        assertThat(pool.arrive(first, "ack-first")).isEmpty();
        assertThat(pool.held()).isEqualTo(1);

        List<DonorPool.Ready<String>> ready = pool.arrive(second, "ack-second");
        assertThat(pool.held()).isZero();
        Map<String, DonorPool.Ready<String>> bySample = ready.stream()
                .collect(Collectors.toMap(r -> r.sample().getSampleId(), r -> r));
        assertThat(bySample).containsOnlyKeys("first", "second");
        assertThat(bySample.get("second").donor()).get().extracting(DonorPool.Donor::sampleId).isEqualTo("first");
        assertThat(bySample.get("second").token()).isEqualTo("ack-second");
        assertThat(bySample.get("first").donor().get().sampleId()).isEqualTo("second");
        assertThat(bySample.get("first").donor().get().image()).isEqualTo(second.getImage());
        assertThat(bySample.get("first").token()).isEqualTo("ack-first");
    }

    @Test
    void neverLendsASampleItsOwnIdOrAByteIdenticalImage() {
        DonorPool<String> pool = new DonorPool<>(64);
        pool.arrive(TestSamples.sample("q1", SHARED_IMAGE), "q1");
        assertThat(pool.arrive(TestSamples.sample("q2", SHARED_IMAGE), "q2"))
                .as("another question about the same image has no donor yet").isEmpty();
        assertThat(pool.arrive(TestSamples.sample("q1", SHARED_IMAGE), "q1 again")).isEmpty();
        assertThat(pool.held()).isEqualTo(3);

        List<DonorPool.Ready<String>> ready = pool.arrive(TestSamples.sample("other", 8, 8, 5), "other");

        assertThat(ready).hasSize(4);
        assertThat(pool.held()).isZero();
        for (DonorPool.Ready<String> r : ready) {
            DonorPool.Donor donor = r.donor().orElseThrow();
            assertThat(donor.sampleId()).isNotEqualTo(r.sample().getSampleId());
            assertThat(donor.image().getData()).isNotEqualTo(r.sample().getImage().getData());
        }
    }

    @Test
    void choosesTheSameDonorForTheSameHistory() {
        DonorPool<String> one = new DonorPool<>(64);
        DonorPool<String> two = new DonorPool<>(64);
        for (int i = 0; i < 20; i++) {
            Sample sample = TestSamples.sample("s" + i, 4, 4, i);
            List<String> donorsOne = donors(one.arrive(sample, ""));
            List<String> donorsTwo = donors(two.arrive(sample, ""));
            assertThat(donorsOne).isEqualTo(donorsTwo);
        }
    }

    @Test
    void forgetsAllButTheMostRecentSamples() {
        DonorPool<String> pool = new DonorPool<>(2);
        pool.arrive(TestSamples.sample("oldest", 4, 4, 0), "");
        pool.arrive(TestSamples.sample("b", 4, 4, 1), "");
        pool.arrive(TestSamples.sample("c", 4, 4, 2), "");
        for (int i = 3; i < 40; i++) {
            List<String> donors = donors(pool.arrive(TestSamples.sample("s" + i, 4, 4, i), ""));
            assertThat(donors).hasSize(1).doesNotContain("oldest");
        }
    }

    @Test
    void refusesAPoolTooSmallToLendAnything() {
        assertThatThrownBy(() -> new DonorPool<String>(1)).hasMessageContaining("donor-pool-size");
    }

    private static List<String> donors(List<DonorPool.Ready<String>> ready) {
        return ready.stream().map(r -> r.donor().orElseThrow().sampleId()).toList();
    }
}
