package io.rhwatch.cli.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.cli.Main;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Intervals;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void scoresJudgedRecordsToTheDesignCheckValueWithIntervals() throws IOException {
        // The design brief's check, (R, P) = (40, 60), (45, 50), (50, 55) percent, 20 records a cell, shuffled.
        List<String> lines = new ArrayList<>();
        judged(lines, "sim-a", 0, "reasoning", 8, 20);
        judged(lines, "sim-a", 0, "perception", 12, 20);
        judged(lines, "sim-a", 100, "reasoning", 9, 20);
        judged(lines, "sim-a", 100, "perception", 10, 20);
        judged(lines, "sim-a", 200, "reasoning", 10, 20);
        judged(lines, "sim-a", 200, "perception", 11, 20);
        judged(lines, "sim-b", 0, "reasoning", 3, 4);
        Collections.shuffle(lines, new Random(1));
        Path file = write(lines);

        JsonNode document = json(file);

        assertThat(document.at("/bootstrap/resamples").asInt()).isEqualTo(Bootstrap.DEFAULT_RESAMPLES);
        assertThat(document.get("models")).hasSize(2);
        JsonNode a = document.at("/models/0");
        assertThat(a.get("model").asText()).isEqualTo("sim-a");
        assertThat(a.get("rh_auc").asDouble()).isCloseTo(0.375, within(1e-12));
        assertThat(a.get("rh_auc_raw").asDouble()).isCloseTo(0.5375, within(1e-12));
        assertThat(a.get("reason").isNull()).isTrue();
        assertThat(a.get("judged").asLong()).isEqualTo(120);
        Bootstrap.Result bootstrap = new Bootstrap().rhAuc(List.of(
                new Bootstrap.LevelCounts(0, 20, 8, 20, 12),
                new Bootstrap.LevelCounts(100, 20, 9, 20, 10),
                new Bootstrap.LevelCounts(200, 20, 10, 20, 11)));
        assertThat(a.at("/rh_auc_ci/0").asDouble()).isEqualTo(bootstrap.rhAuc().low());
        assertThat(a.at("/rh_auc_ci/1").asDouble()).isEqualTo(bootstrap.rhAuc().high());
        assertThat(a.at("/rh_auc_raw_ci/0").asDouble()).isEqualTo(bootstrap.rhAucRaw().low());
        JsonNode point = a.at("/points/0");
        assertThat(point.get("budget").asInt()).isEqualTo(0);
        assertThat(point.get("reasoning_accuracy").asDouble()).isEqualTo(0.4);
        assertThat(point.get("perception_accuracy").asDouble()).isEqualTo(0.6);
        assertThat(point.get("reasoning_n").asLong()).isEqualTo(20);
        assertThat(point.get("perception_n").asLong()).isEqualTo(20);
        assertThat(point.at("/reasoning_ci/0").asDouble()).isEqualTo(Intervals.wilson(8, 20).low());

        JsonNode b = document.at("/models/1");
        assertThat(b.get("rh_auc").isNull()).isTrue();
        assertThat(b.get("rh_auc_ci").isNull()).isTrue();
        assertThat(b.get("reason").asText()).isEqualTo(RhAuc.TOO_FEW_LEVELS);
        assertThat(b.get("points")).isEmpty();
    }

    @Test
    void judgesRawRecordsWithTheJudgeServiceRules() throws IOException {
        List<String> lines = List.of(
                raw("m", 0, "perception", "multi_choice", "B", "<think>Maybe A.</think>\n**Answer:** B", null, "s1"),
                raw("m", 0, "perception", "multi_choice", "B", "Answer: B", "blank_image", "s1"),
                raw("m", 0, "perception", "multi_choice", "C", "I cannot tell from the image.", null, "s2"),
                raw("m", 0, "perception", "multi_choice", "C", "The answer is (A).", "blank_image", "s2"),
                raw("m", 0, "reasoning", "numeric", "1/3", "\\boxed{0.3333333}", null, "s3"),
                raw("m", 100, "reasoning", "numeric", "12", "Answer: 1,2", null, "s4"),
                raw("m", 100, "perception", "yes_no", "yes", "Yes.", null, "s5"));

        JsonNode model = json(write(lines)).at("/models/0");

        JsonNode clean = cell(model, 0, "perception", "clean");
        assertThat(clean.get("judged").asInt()).isEqualTo(2);
        assertThat(clean.get("correct").asInt()).isEqualTo(1);
        assertThat(clean.get("unparseable").asInt()).isEqualTo(1);
        JsonNode blank = cell(model, 0, "perception", "blank_image");
        assertThat(blank.get("correct").asInt()).isEqualTo(1);
        assertThat(cell(model, 0, "reasoning", "clean").get("correct").asInt()).isEqualTo(1);
        assertThat(cell(model, 100, "reasoning", "clean").get("correct").asInt()).isZero();
        // s1 kept its answer without the image; s2's clean answer was unparseable, so it is no pair
        JsonNode effect = model.at("/corruptions/0");
        assertThat(effect.get("invariance").asDouble()).isEqualTo(1.0);
        assertThat(effect.get("invariance_n").asInt()).isEqualTo(1);
        assertThat(effect.get("gap").asDouble()).isCloseTo(0.0, within(1e-12));
        assertThat(model.at("/censoring/0/unparseable").asInt()).isEqualTo(1);
        // both tasks at levels 0 and 100: reasoning 1.0 → 0.0, perception 0.5 → 1.0
        assertThat(model.get("points")).hasSize(2);
        assertThat(model.get("rh_auc").asDouble()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void exportedRecordsScoreToTheSameNumbersAsTheJudgmentsThemselves() throws Exception {
        // What export-judgments writes for a run, read back by score: the same scorecard as folding the judgments.
        Random random = new Random(9);
        List<Judgment> judgments = new ArrayList<>();
        Corruption[] corruptions = {Corruption.CORRUPTION_NONE, Corruption.CORRUPTION_BLANK_IMAGE,
                Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL};
        for (int sample = 0; sample < 60; sample++) {
            Task task = sample % 2 == 0 ? Task.TASK_PERCEPTION : Task.TASK_REASONING;
            for (int budget : new int[] {0, 100, 400}) {
                for (Corruption corruption : corruptions) {
                    Verdict verdict = Verdict.forNumber(1 + random.nextInt(3));
                    String answer = verdict == Verdict.VERDICT_UNPARSEABLE ? "" : String.valueOf((char) ('A' + random.nextInt(3)));
                    judgments.add(Judgment.newBuilder().setJudgmentId("s" + sample + "|" + corruption + "|" + budget)
                            .setModel(sample % 3 == 0 ? "org/model-x" : "model-y")
                            .setSample(SampleRef.newBuilder()
                                    .setSampleId("s" + sample)
                                    .setTask(task))
                            .setBudget(budget).setCorruption(corruption).setVerdict(verdict)
                            .setExtractedAnswer(answer).setCensored(random.nextInt(10) == 0)
                            .setJudgedAtMs(1_760_000_000_000L + random.nextInt(1_000_000)).build());
                }
            }
        }
        Collections.shuffle(judgments, random);
        List<String> lines = new ArrayList<>();
        for (Judgment judgment : judgments) {
            lines.add(JudgmentRecords.MAPPER.writeValueAsString(JudgmentRecords.toRecord(judgment)));
        }

        List<Judgment> readBack = JudgmentRecords.read(write(lines), new AnswerJudge());
        List<Scorecard> fromFile = Scoring.score(readBack, new Bootstrap());
        List<Scorecard> direct = Scoring.score(judgments, new Bootstrap());

        assertThat(readBack).containsExactlyElementsOf(judgments);
        assertThat(fromFile).isEqualTo(direct);
        assertThat(fromFile).extracting(Scorecard::model).containsExactly("model-y", "org/model-x");
        assertThat(fromFile.get(0).corruptions()).isNotEmpty().allSatisfy(e -> assertThat(e.invarianceN()).isPositive());
        // and folding them as the aggregator does, one tally per model, gives the same counts
        ModelTally y = Tallies.empty("model-y");
        for (Judgment judgment : judgments) {
            if (judgment.getModel().equals("model-y")) {
                y = Tallies.add(y, judgment);
            }
        }
        assertThat(fromFile.get(0).judged()).isEqualTo(y.getJudged());
    }

    @Test
    void printsATablePerModel() throws IOException {
        List<String> lines = new ArrayList<>();
        judged(lines, "sim-a", 0, "reasoning", 8, 20);
        judged(lines, "sim-a", 0, "perception", 12, 20);
        judged(lines, "sim-a", 100, "reasoning", 9, 20);
        judged(lines, "sim-a", 100, "perception", 10, 20);

        int status = run(write(lines).toString());

        assertThat(status).isZero();
        String table = stdout.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("sim-a  (80 judged)").contains("RH-AUC     0.500 [0.500, 0.500]") // two points: always 0.5 once normalised
                .contains("0.400 [0.219, 0.613] 20").contains("1000 resamples");
    }

    @Test
    void aBadRecordIsReportedWithItsLineAndField() throws IOException {
        Path file = write(List.of(
                "{\"model\":\"m\",\"budget\":0,\"task\":\"reasoning\",\"correct\":true}",
                "",
                "{\"model\":\"m\",\"budget\":-5,\"task\":\"reasoning\",\"correct\":true}"));

        int status = run(file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(file + ":3: budget: must be a whole number");
        stderr.reset();
        Path unknownTask = write(List.of("{\"model\":\"m\",\"budget\":0,\"task\":\"vision\",\"correct\":true}"));
        assertThat(run(unknownTask.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(":1: task: must be one of perception, reasoning, got 'vision'");
        stderr.reset();
        Path neither = write(List.of("{\"model\":\"m\",\"budget\":0,\"task\":\"reasoning\"}"));
        assertThat(run(neither.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("neither 'correct'");
        stderr.reset();
        Path badTime = write(List.of("{\"model\":\"m\",\"budget\":0,\"task\":\"reasoning\",\"correct\":true,\"judged_at_ms\":\"today\"}"));
        assertThat(run(badTime.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains(":1: judged_at_ms: must be milliseconds since the epoch, 0 or more, got \"today\"");
    }

    @Test
    void badCommandLinesExitWithTwoAndSayWhy() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Missing required parameter: 'FILE'");
        stderr.reset();
        assertThat(run("x.jsonl", "--format", "csv")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--format must be table or json, got 'csv'");
        stderr.reset();
        assertThat(run("x.jsonl", "--resamples=0")).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Invalid value for option '--resamples': must be between 1 and 100000, got 0");
        assertThat(run(dir.resolve("missing.jsonl").toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    private static JsonNode cell(JsonNode model, int budget, String task, String corruption) {
        for (JsonNode cell : model.get("cells")) {
            if (cell.get("budget").asInt() == budget && cell.get("task").asText().equals(task)
                    && cell.get("corruption").asText().equals(corruption)) {
                return cell;
            }
        }
        throw new AssertionError("no cell " + budget + "/" + task + "/" + corruption + " in " + model);
    }

    private JsonNode json(Path file) throws IOException {
        int status = run(file.toString(), "--format", "json");
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return JudgmentRecords.MAPPER.readTree(stdout.toString(StandardCharsets.UTF_8));
    }

    /** {@code rhwatch score ARGS}, as the command line runs it. */
    private int run(String... args) {
        stdout.reset();
        String[] command = new String[args.length + 1];
        command[0] = "score";
        System.arraycopy(args, 0, command, 1, args.length);
        return Main.run(command, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "records", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void judged(List<String> lines, String model, int budget, String task, int correct, int total) {
        for (int i = 0; i < total; i++) {
            lines.add("{\"model\":\"" + model + "\",\"budget\":" + budget + ",\"task\":\"" + task + "\",\"correct\":" + (i < correct) + "}");
        }
    }

    private static String raw(String model, int budget, String task, String type, String answer, String output,
                              String corruption, String sample) throws IOException {
        var node = JudgmentRecords.MAPPER.createObjectNode()
                .put("model", model).put("budget", budget).put("task", task).put("question", "q")
                .put("question_type", type).put("answer", answer).put("output", output).put("sample_id", sample);
        if (type.equals("multi_choice")) {
            node.putArray("choices").add("red").add("blue").add("green");
        }
        if (corruption != null) {
            node.put("corruption", corruption);
        }
        return JudgmentRecords.MAPPER.writeValueAsString(node);
    }
}
