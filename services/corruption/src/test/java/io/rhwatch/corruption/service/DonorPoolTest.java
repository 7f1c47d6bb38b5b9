package io.rhwatch.corruption.service;

import com.google.protobuf.ByteString;
import io.rhwatch.corruption.TestSamples;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DonorPoolTest {

    @Test
    void theDonorDependsOnTheSampleIdAloneNotOnTheOrderOfThePoolOrOnOtherSamples() {
        List<DonorPool.Donor> donors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            donors.add(donor("d" + i, "", i));
        }
        List<DonorPool.Donor> shuffled = new ArrayList<>(donors);
        Collections.shuffle(shuffled, new Random(7));
        DonorPool pool = new DonorPool(donors);
        DonorPool samePoolOtherOrder = new DonorPool(shuffled);

        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Sample sample = TestSamples.sample("sample-" + i, TestSamples.png(4, 4, 1000 + i));
            String donor = pool.donorFor(sample).donor().donorId();
            assertThat(samePoolOtherOrder.donorFor(sample).donor().donorId()).isEqualTo(donor);
            assertThat(pool.donorFor(sample).donor().donorId()).as("asked again").isEqualTo(donor);
            chosen.add(donor);
        }
        assertThat(chosen).as("spread over the pool").hasSizeGreaterThan(15);
    }

    @Test
    void neverTheSamplesOwnImageAndNeverItsOwnSubsetWhileThereIsAnother() {
        DonorPool pool = new DonorPool(List.of(donor("same-bytes", "other", 1), donor("mathvista/1.png", "mathvista", 2),
                donor("mathvista/2.png", "mathvista", 3), donor("chartqa/1.png", "chartqa", 4)));
        for (int i = 0; i < 50; i++) {
            Sample sample = TestSamples.sample("s" + i, TestSamples.png(4, 4, 1)).toBuilder().setSource("mathvista").build();
            DonorPool.Choice choice = pool.donorFor(sample);
            assertThat(choice.donor().donorId()).isEqualTo("chartqa/1.png");
            assertThat(choice.subsetRuleDropped()).isFalse();
        }
    }

    @Test
    void whenEveryDonorIsOfTheSamplesSubsetTheRuleIsDroppedAndSaidSo() {
        DonorPool pool = new DonorPool(List.of(donor("a", "mathvista", 1), donor("b", "mathvista", 2)));
        Sample sample = TestSamples.sample("s", TestSamples.png(4, 4, 9)).toBuilder().setSource("mathvista").build();
        DonorPool.Choice choice = pool.donorFor(sample);
        assertThat(choice.subsetRuleDropped()).isTrue();
        assertThat(choice.donor().donorId()).isIn("a", "b");
        assertThat(pool.donorFor(sample.toBuilder().setSource("").build()).subsetRuleDropped())
                .as("a sample of no known subset has no subset to avoid").isFalse();
    }

    @Test
    void theBundledDonorsAreBenchmarkScenesOfTheirOwnSeed() {
        DonorPool bundled = DonorPool.bundled(8);
        assertThat(bundled.size()).isEqualTo(8);
        DonorPool.Donor donor = bundled.donorFor(TestSamples.sample("x", 4, 4, 1)).donor();
        assertThat(donor.donorId()).startsWith("rhb-" + DonorPool.BUNDLED_SEED + "-");
        assertThat(donor.subset()).isEqualTo(DonorPool.BUNDLED_SUBSET);
        assertThat(donor.image().getWidth()).isEqualTo(320);
        assertThat(donor.image().getMediaType()).isEqualTo("image/png");
    }

    @Test
    void readsADirectoryWithASubsetPerSubdirectory(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("loose.png"), TestSamples.png(6, 6, 1));
        Files.createDirectory(dir.resolve("chartqa"));
        Files.write(dir.resolve("chartqa").resolve("c1.png"), TestSamples.png(6, 6, 2));
        Files.writeString(dir.resolve("notes.txt"), "not an image");

        DonorPool pool = DonorPool.fromDirectory(dir, 1_000_000);
        assertThat(pool.size()).isEqualTo(2);
        Sample chart = TestSamples.sample("s", 4, 4, 3).toBuilder().setSource("chartqa").build();
        assertThat(pool.donorFor(chart).donor().donorId()).isEqualTo("loose.png");
        assertThat(pool.donorFor(chart).donor().subset()).isEmpty();

        Files.write(dir.resolve("broken.png"), new byte[]{1, 2, 3});
        assertThatThrownBy(() -> DonorPool.fromDirectory(dir, 1_000_000))
                .hasMessageStartingWith("rhwatch.corruption.donor-images: '").hasMessageContaining("broken.png");
    }

    @Test
    void refusesAPoolThatCannotAlwaysLendAnotherImage(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> new DonorPool(List.of(donor("a", "", 1), donor("b", "", 1))))
                .hasMessageContaining("needs at least 2 distinct images, has 1");
        Files.write(dir.resolve("only.png"), TestSamples.png(6, 6, 1));
        assertThatThrownBy(() -> DonorPool.fromDirectory(dir, 1_000_000))
                .hasMessageStartingWith("rhwatch.corruption.donor-images: '" + dir + "' needs at least 2 distinct images");
    }

    private static DonorPool.Donor donor(String id, String subset, long seed) {
        return new DonorPool.Donor(id, subset, Image.newBuilder()
                .setData(ByteString.copyFrom(TestSamples.png(4, 4, seed))).setMediaType("image/png").setWidth(4).setHeight(4).build());
    }
}
