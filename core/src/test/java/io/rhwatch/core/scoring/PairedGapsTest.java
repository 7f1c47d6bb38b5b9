package io.rhwatch.core.scoring;

import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedGapsTest {

    @Test
    void theGapIsTakenOverTheSamplesAnsweredUnderBothConditions() {
        SampleOutcomes outcomes = new SampleOutcomes(100);
        // s1: right clean, wrong blanked. s2: right under both. s3: wrong clean, right blanked. s4: clean only.
        outcomes.record("s1", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_NONE, true);
        outcomes.record("s1", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_BLANK_IMAGE, false);
        outcomes.record("s2", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_NONE, true);
        outcomes.record("s2", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_BLANK_IMAGE, true);
        outcomes.record("s3", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_NONE, false);
        outcomes.record("s3", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_BLANK_IMAGE, true);
        outcomes.record("s4", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_NONE, true);
        outcomes.record("s5", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_NONE, true);
        outcomes.record("s5", Task.TASK_PERCEPTION, 100, Corruption.CORRUPTION_BLANK_IMAGE, false);

        List<PairedGaps.Gap> gaps = PairedGaps.of(outcomes.snapshot());

        assertThat(gaps).hasSize(1);
        PairedGaps.Gap gap = gaps.get(0);
        assertThat(gap.budget()).isEqualTo(100);
        assertThat(gap.task()).isEqualTo(Task.TASK_PERCEPTION);
        assertThat(gap.corruption()).isEqualTo(Corruption.CORRUPTION_BLANK_IMAGE);
        assertThat(gap.pairs()).isEqualTo(4);
        assertThat(gap.cleanOnly()).isEqualTo(2);
        assertThat(gap.corruptedOnly()).isEqualTo(1);
        assertThat(gap.cleanAccuracy()).isEqualTo(0.75);
        assertThat(gap.corruptedAccuracy()).isEqualTo(0.5);
        assertThat(gap.gap()).isEqualTo(0.25);
        assertThat(gap.gapCi()).isEqualTo(Intervals.pairedDifference(1, 2, 1, 0));
    }

    /**
     * The paired interval's coverage of the true clean − corrupted gap, by simulation: n samples whose
     * outcomes under both conditions share a latent ability (as {@link SimulatedStudy}), 2,000 data
     * sets per scenario. Prints the unpaired Newcombe interval next to it.
     */
    @Test
    void thePairedGapIntervalCoversTheTrueGapAndIsNarrowerThanTheUnpairedOne() {
        double[][] scenarios = {
                // clean, corrupted, coupling, n
                {0.80, 0.55, 0.8, 300}, {0.70, 0.68, 0.8, 300}, {0.50, 0.30, 0.5, 300},
                {0.90, 0.85, 0.9, 200}, {0.60, 0.60, 0.0, 300}, {0.75, 0.40, 0.8, 60}};
        SplittableRandom random = new SplittableRandom(2604_03179L);
        int datasets = 2_000;
        for (double[] s : scenarios) {
            int n = (int) s[3];
            int covered = 0;
            double pairedWidth = 0;
            double unpairedWidth = 0;
            for (int d = 0; d < datasets; d++) {
                long[] cells = new long[4];
                for (int i = 0; i < n; i++) {
                    double ability = random.nextDouble();
                    boolean clean = (random.nextDouble() < s[2] ? ability : random.nextDouble()) < s[0];
                    boolean corrupted = (random.nextDouble() < s[2] ? ability : random.nextDouble()) < s[1];
                    cells[(clean ? 0 : 2) + (corrupted ? 0 : 1)]++;
                }
                Interval paired = Intervals.pairedDifference(cells[0], cells[1], cells[2], cells[3]);
                Interval unpaired = Intervals.difference(cells[0] + cells[1], n, cells[0] + cells[2], n);
                covered += paired.contains(s[0] - s[1]) ? 1 : 0;
                pairedWidth += paired.high() - paired.low();
                unpairedWidth += unpaired.high() - unpaired.low();
            }
            double coverage = (double) covered / datasets;
            System.out.printf("paired gap: clean=%.2f corrupted=%.2f coupling=%.1f n=%d coverage=%.3f width=%.3f (unpaired %.3f)%n",
                    s[0], s[1], s[2], n, coverage, pairedWidth / datasets, unpairedWidth / datasets);
            assertThat(coverage).as("coverage at %s", java.util.Arrays.toString(s)).isBetween(0.93, 0.975);
            if (s[2] > 0) {
                assertThat(pairedWidth).isLessThan(unpairedWidth);
            } else {
                assertThat(pairedWidth / unpairedWidth).isCloseTo(1.0, within(0.02));
            }
        }
    }
}
