package io.rhwatch.cli.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.cli.Main;
import io.rhwatch.core.scoring.SampleOutcomes;
import io.rhwatch.core.scoring.VersionComparison;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CompareCommandTest {

    private static final int[] BUDGETS = {0, 100, 200, 400};
    private static final int RESAMPLES = 300;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final SampleOutcomes v1 = new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES);
    private final SampleOutcomes v2 = new SampleOutcomes(SampleOutcomes.DEFAULT_MAX_SAMPLES);

    @Test
    void comparesTwoVersionsOnTheSamplesBothSawWithPairedIntervals() throws IOException {
        Path file = twoVersions();

        int status = run("compare", file.toString(), "sim@v1", "sim@v2", "--format", "json", "--resamples", "" + RESAMPLES);

        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode view = JudgmentRecords.MAPPER.readTree(stdout.toString(StandardCharsets.UTF_8));
        VersionComparison.Result expected = new VersionComparison(RESAMPLES, io.rhwatch.core.scoring.Bootstrap.DEFAULT_SEED)
                .compare(v1.snapshot(), v2.snapshot());
        assertThat(view.get("a").asText()).isEqualTo("sim@v1");
        assertThat(view.get("b").asText()).isEqualTo("sim@v2");
        // v2 saw only the first 100 of v1's 120 samples.
        assertThat(view.get("shared_samples").asInt()).isEqualTo(100).isEqualTo(expected.shared());
        assertThat(view.at("/rh_auc_raw/difference").asDouble()).isEqualTo(expected.rhAucRaw().difference());
        assertThat(view.at("/rh_auc_raw/ci/0").asDouble()).isEqualTo(expected.rhAucRaw().ci().low());
        assertThat(view.at("/rh_auc_raw/p_value").asDouble()).isEqualTo(expected.rhAucRaw().pValue());
        assertThat(view.at("/rh_auc/difference").asDouble()).isEqualTo(expected.rhAuc().difference());
        assertThat(view.at("/rh_auc/degenerate_share").asDouble()).isEqualTo(expected.rhAuc().degenerateShare());
        // v2 loses perception from 200 tokens on: significant there, not at 0.
        assertThat(view.get("levels")).hasSize(expected.levels().size());
        JsonNode perceptionAt400 = level(view, 400, "perception");
        assertThat(perceptionAt400.get("difference").asDouble()).isPositive();
        assertThat(perceptionAt400.get("p_value").asDouble()).isLessThan(0.05);
        assertThat(level(view, 0, "perception").get("difference").asDouble()).isZero();
        // Both curves, as GET /v1/models/{model}/curve has them, with paired intervals.
        assertThat(view.at("/curve_a/model").asText()).isEqualTo("sim@v1");
        assertThat(view.at("/curve_a/judged").asLong()).isEqualTo(120 * BUDGETS.length);
        assertThat(view.at("/curve_b/interval_method").asText()).isEqualTo("paired_samples");

        assertThat(run("compare", file.toString(), "sim@v1", "sim@v2", "--resamples", "" + RESAMPLES)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("sim@v1 − sim@v2 on 100 shared samples", "ΔRH-AUC", "Δrh_auc_raw");
    }

    @Test
    void namesTheArgumentOfAnUnknownOrMalformedModel() throws IOException {
        Path file = twoVersions();

        assertThat(run("compare", file.toString(), "sim@v1", "sim@v3")).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("B: no judgments of model 'sim@v3'", "sim@v1, sim@v2");
        stderr.reset();
        assertThat(run("compare", file.toString(), "sim@", "sim@v2")).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("A: the version after '@' is empty");
    }

    /** Version v1 on 120 samples, v2 on the first 100 of them, losing 30 points of perception from budget 200 on. */
    private Path twoVersions() throws IOException {
        List<String> lines = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int sample = 0; sample < 120; sample++) {
            String task = sample % 2 == 0 ? "reasoning" : "perception";
            double ability = random.nextDouble();
            for (int budget : BUDGETS) {
                double bar = task.equals("perception") ? 0.2 + budget / 2000.0 : 0.6 - budget / 1000.0;
                add(lines, v1, "v1", sample, task, budget, ability > bar);
                if (sample < 100) {
                    add(lines, v2, "v2", sample, task, budget, ability > bar + (task.equals("perception") && budget >= 200 ? 0.3 : 0));
                }
            }
        }
        Path file = Files.createTempFile(dir, "judgments", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void add(List<String> lines, SampleOutcomes outcomes, String version, int sample, String task, int budget,
                            boolean correct) {
        lines.add("{\"model\":\"sim\",\"model_version\":\"" + version + "\",\"budget\":" + budget + ",\"task\":\"" + task
                + "\",\"sample_id\":\"s" + sample + "\",\"correct\":" + correct + "}");
        outcomes.record("s" + sample, task.equals("perception") ? Task.TASK_PERCEPTION : Task.TASK_REASONING, budget,
                Corruption.CORRUPTION_NONE, correct);
    }

    private static JsonNode level(JsonNode view, int budget, String task) {
        for (JsonNode level : view.get("levels")) {
            if (level.get("budget").asInt() == budget && level.get("task").asText().equals(task)) {
                return level;
            }
        }
        throw new AssertionError("no level " + budget + "/" + task + " in " + view.get("levels"));
    }

    private int run(String... args) {
        stdout.reset();
        return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }
}
