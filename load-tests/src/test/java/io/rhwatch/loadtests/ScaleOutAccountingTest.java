package io.rhwatch.loadtests;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.mesh.MeshOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the scale-out benchmark expects the aggregator to count, and how it tells a loss from a double count. */
class ScaleOutAccountingTest {

    private static final MeshOptions OPTIONS = MeshOptions.defaults(Path.of("home"), Path.of("run"));

    @Test
    void everyFedSampleIsExpectedOnceAtEveryLevelCleanAndUnderEveryCorruptionInItsTasksCells() {
        List<BenchmarkSample> fed = BenchmarkGenerator.generate(40, 13);
        long perception = fed.stream().filter(s -> s.task().equals("perception")).count();

        Map<String, Long> cells = ScaleOutScenario.expectedCells(fed, OPTIONS);

        assertThat(cells.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40L * OPTIONS.judgmentsPerSample());
        assertThat(cells).containsEntry(CellCounts.cell(0, "perception", "clean"), perception)
                .containsEntry(CellCounts.cell(600, "perception", "text_removal"), perception)
                .containsEntry(CellCounts.cell(200, "reasoning", "blank_image"), 40 - perception);
    }

    @Test
    void aJudgmentMissingInOneCellAndCountedTwiceInAnotherIsOneLostAndOneCountedTwice() {
        Map<String, Long> want = ScaleOutScenario.expectedCells(BenchmarkGenerator.generate(10, 13), OPTIONS);
        Map<String, Long> got = new HashMap<>(want);
        String clean = CellCounts.cell(0, "reasoning", "clean");
        String blank = CellCounts.cell(0, "reasoning", "blank_image");
        got.merge(clean, -1L, Long::sum);
        got.merge(blank, 1L, Long::sum);

        CellCounts.Tally tally = CellCounts.compare("rh-sim-steady", want, got);

        assertThat(tally.lost()).isEqualTo(1);
        assertThat(tally.countedTwice()).isEqualTo(1);
        assertThat(tally.differences()).containsExactly("rh-sim-steady " + blank + ": 1 counted twice", "rh-sim-steady " + clean + ": 1 lost");
        assertThat(CellCounts.compare("rh-sim-steady", want, want)).isEqualTo(CellCounts.Tally.NONE);
    }
}
