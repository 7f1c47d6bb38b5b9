package io.rhwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.Main;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.IngestionClient;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.cli.score.JudgmentRecords;
import io.rhwatch.cli.score.Scoring;
import io.rhwatch.core.Labels;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.core.scoring.Interval;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.Tallies;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Curve;
import io.rhwatch.proto.v1.CurvePoint;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.ModelTally;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole mesh as separate processes (a KRaft broker JVM, model-sim, the five services) runs the
 * synthetic benchmark; then every judgment is read back from rh.judgments and checked against the
 * probes that had to be judged and against what the aggregator serves, and the CLI's offline path
 * ({@code rhwatch export-judgments}, {@code rhwatch score}) is checked against the aggregator on the same run.
 */
class MeshEndToEndTest {

    static final int SAMPLES = 120;
    static final long SEED = 7;
    static final Duration JUDGING_TIMEOUT = Duration.ofMinutes(8);
    static final String STEADY = "rh-sim-steady";
    static final String DRIFTY = "rh-sim-drifty";
    static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);

    static Mesh mesh;
    static MeshOptions options;
    static List<String> sampleIds;
    static List<ConsumerRecord<String, byte[]>> records;
    static List<Judgment> judgments;
    static Map<String, AggregatorClient.ModelCurve> served;
    /** The judgments read back, as the judged JSONL records {@code rhwatch score} reads. */
    static Path judgmentsFile;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> mesh == null ? null : mesh.logsDir());

    @BeforeAll
    static void runTheBenchmarkThroughTheMesh() throws Exception {
        Path runDir = E2e.newRunDir("mesh");
        options = MeshOptions.defaults(E2e.home(), runDir).withAggregatorPort(0);
        mesh = new Mesh(options, E2e::progress);
        mesh.start();

        E2e.progress("generating and importing " + SAMPLES + " benchmark samples");
        Path dataset = BenchmarkWriter.write(mesh.importRoot().resolve("benchmark"), BenchmarkGenerator.generate(SAMPLES, SEED));
        IngestionClient.ImportResult imported = new IngestionClient(mesh.ingestionUrl(), options.authToken()).importFile(dataset);
        assertThat(imported.rejected()).as("samples the ingestion service refused").isEmpty();
        assertThat(imported.accepted()).isEqualTo(SAMPLES);
        sampleIds = imported.ids();

        long expected = (long) SAMPLES * options.judgmentsPerSample() * options.models().size();
        records = readJudgments(expected);
        judgments = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            judgments.add(Judgment.parseFrom(record.value()));
        }
        judgmentsFile = E2e.home().resolve("e2e").resolve("target").resolve("judgments.jsonl");
        JudgmentRecords.write(judgmentsFile, judgments);
        E2e.progress("wrote the " + judgments.size() + " judgments to " + judgmentsFile);
        served = awaitAggregator((long) SAMPLES * options.judgmentsPerSample());
    }

    @AfterAll
    static void stopTheMesh() {
        if (mesh == null) {
            return;
        }
        List<ServiceProcess> processes = mesh.processes(true);
        mesh.close();
        // Nothing the mesh started may outlive it.
        assertThat(processes).noneMatch(ServiceProcess::isAlive);
    }

    @Test
    void everyProbeOfEverySampleIsJudgedExactlyOnce() {
        Set<String> expected = new HashSet<>();
        for (String sample : sampleIds) {
            for (String model : options.models()) {
                for (String kind : probeKinds()) {
                    for (int budget : options.budgets()) {
                        expected.add(sample + "|" + model + "|" + kind + "|" + budget);
                    }
                }
            }
        }
        Map<String, Long> counts = judgments.stream().collect(Collectors.groupingBy(Judgment::getJudgmentId, Collectors.counting()));
        List<String> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
        List<String> missing = expected.stream().filter(id -> !counts.containsKey(id)).sorted().toList();
        List<String> unexpected = counts.keySet().stream().filter(id -> !expected.contains(id)).sorted().toList();

        // Sizes, not lists: a broken run would print thousands of ids; the first few say enough.
        assertThat(duplicated.size()).as("judgment ids seen more than once, e.g. %s", first(duplicated)).isZero();
        assertThat(missing.size()).as("probes never judged, e.g. %s", first(missing)).isZero();
        assertThat(unexpected.size()).as("judgments of no expected probe, e.g. %s", first(unexpected)).isZero();
        assertThat(judgments).hasSize(expected.size());
        assertThat(records).as("rh.judgments is keyed by model").allSatisfy(record ->
                assertThat(record.key()).isEqualTo(Judgment.parseFrom(record.value()).getModel()));
    }

    @Test
    void theAggregatorServesTheRhAucRecomputedFromTheJudgments() {
        for (String model : options.models()) {
            Curve offline = offlineCurve(model);
            AggregatorClient.ModelCurve online = served.get(model);

            assertThat(online.judged()).as("%s judged", model).isEqualTo(offline.getJudged());
            assertSame(model + " rh_auc", online.rhAuc(), offline.hasRhAuc() ? offline.getRhAuc() : null);
            assertSame(model + " rh_auc_raw", online.rhAucRaw(), offline.hasRhAucRaw() ? offline.getRhAucRaw() : null);
            assertThat(online.points()).as("%s points", model).hasSameSizeAs(offline.getPointsList());
            for (int i = 0; i < offline.getPointsCount(); i++) {
                CurvePoint expected = offline.getPoints(i);
                AggregatorClient.Point actual = online.points().get(i);
                assertThat(actual.budget()).isEqualTo(expected.getBudget());
                assertThat(actual.reasoningN()).isEqualTo(expected.getReasoningN());
                assertThat(actual.perceptionN()).isEqualTo(expected.getPerceptionN());
                assertThat(actual.reasoningAccuracy()).isCloseTo(expected.getReasoningAccuracy(), within(1e-9));
                assertThat(actual.perceptionAccuracy()).isCloseTo(expected.getPerceptionAccuracy(), within(1e-9));
            }
            E2e.progress(model + ": RH-AUC " + online.rhAuc() + ", rh_auc_raw " + online.rhAucRaw() + " over "
                    + online.points().size() + " levels, recomputed offline alike");
        }
    }

    @Test
    void scoringTheJudgmentsOfflineGivesTheAggregatorsNumbersIntervalsIncluded() throws Exception {
        // Read back from the file, as `rhwatch score` reads it: one implementation, so the same numbers to 1e-9.
        List<Scorecard> offline = Scoring.score(JudgmentRecords.read(judgmentsFile, new AnswerJudge()), new Bootstrap());

        assertThat(offline).extracting(Scorecard::model).containsExactlyInAnyOrderElementsOf(options.models());
        for (Scorecard scorecard : offline) {
            String model = scorecard.model();
            AggregatorClient.ModelCurve online = served.get(model);
            assertThat(scorecard.judged()).as("%s judged", model).isEqualTo(online.judged());
            assertThat(scorecard.reason()).as("%s reason", model).isEqualTo(online.reason());
            assertSame(model + " rh_auc", online.rhAuc(), scorecard.rhAuc());
            assertSame(model + " rh_auc_raw", online.rhAucRaw(), scorecard.rhAucRaw());
            assertSameInterval(model + " rh_auc_ci", online.rhAucCi(), interval(scorecard.rhAucCi()));
            assertSameInterval(model + " rh_auc_raw_ci", online.rhAucRawCi(), interval(scorecard.rhAucRawCi()));
            assertThat(online.rhAucCi()).as("%s rh_auc_ci: a bootstrap interval on a real run", model).isNotNull();
            assertThat(online.points()).as("%s points", model).hasSameSizeAs(scorecard.points());
            for (int i = 0; i < scorecard.points().size(); i++) {
                Scorecard.Point expected = scorecard.points().get(i);
                AggregatorClient.Point actual = online.points().get(i);
                String point = model + " point " + i + " (budget " + expected.budget() + ")";
                assertThat(actual.budget()).as(point).isEqualTo(expected.budget());
                assertThat(actual.reasoningN()).as(point).isEqualTo(expected.reasoningN());
                assertThat(actual.reasoningCorrect()).as(point).isEqualTo(expected.reasoningCorrect());
                assertThat(actual.perceptionN()).as(point).isEqualTo(expected.perceptionN());
                assertThat(actual.perceptionCorrect()).as(point).isEqualTo(expected.perceptionCorrect());
                assertThat(actual.reasoningAccuracy()).as(point).isCloseTo(expected.reasoningAccuracy(), within(1e-9));
                assertThat(actual.perceptionAccuracy()).as(point).isCloseTo(expected.perceptionAccuracy(), within(1e-9));
                assertSameInterval(point + " reasoning_ci", actual.reasoningCi(), interval(expected.reasoningCi()));
                assertSameInterval(point + " perception_ci", actual.perceptionCi(), interval(expected.perceptionCi()));
            }
            E2e.progress(model + ": rhwatch score on " + judgmentsFile.getFileName() + " gives the aggregator's RH-AUC "
                    + online.rhAuc() + " " + online.rhAucCi() + " and its " + online.points().size() + " points");
        }
    }

    @Test
    void theCliScoreCommandPrintsTheAggregatorsNumbers() throws Exception {
        Path output = E2e.home().resolve("e2e").resolve("target").resolve("score.json");
        runCli(output, "score", judgmentsFile.toString(), "--format", "json");
        JsonNode document = new ObjectMapper().readTree(output.toFile());

        assertThat(document.at("/bootstrap/resamples").asInt()).isEqualTo(Bootstrap.DEFAULT_RESAMPLES);
        JsonNode models = document.get("models");
        assertThat(models).hasSize(options.models().size());
        for (JsonNode model : models) {
            String name = model.get("model").asText();
            AggregatorClient.ModelCurve online = served.get(name);
            assertThat(online).as("the aggregator's curve of %s", name).isNotNull();
            assertThat(model.get("judged").asLong()).as("%s judged", name).isEqualTo(online.judged());
            assertSame(name + " rh_auc", online.rhAuc(), number(model.get("rh_auc")));
            assertSame(name + " rh_auc_raw", online.rhAucRaw(), number(model.get("rh_auc_raw")));
            assertSameInterval(name + " rh_auc_ci", online.rhAucCi(), interval(model.get("rh_auc_ci")));
            assertSameInterval(name + " rh_auc_raw_ci", online.rhAucRawCi(), interval(model.get("rh_auc_raw_ci")));
            JsonNode points = model.get("points");
            assertThat(points).as("%s points", name).hasSize(online.points().size());
            for (int i = 0; i < online.points().size(); i++) {
                AggregatorClient.Point expected = online.points().get(i);
                JsonNode actual = points.get(i);
                String point = name + " point " + i + " (budget " + expected.budget() + ")";
                assertThat(actual.get("budget").asInt()).as(point).isEqualTo(expected.budget());
                assertThat(actual.get("reasoning_n").asLong()).as(point).isEqualTo(expected.reasoningN());
                assertThat(actual.get("perception_n").asLong()).as(point).isEqualTo(expected.perceptionN());
                assertThat(actual.get("reasoning_accuracy").asDouble()).as(point).isCloseTo(expected.reasoningAccuracy(), within(1e-9));
                assertThat(actual.get("perception_accuracy").asDouble()).as(point).isCloseTo(expected.perceptionAccuracy(), within(1e-9));
                assertSameInterval(point + " reasoning_ci", expected.reasoningCi(), interval(actual.get("reasoning_ci")));
                assertSameInterval(point + " perception_ci", expected.perceptionCi(), interval(actual.get("perception_ci")));
            }
        }
    }

    /**
     * Every field of the aggregator's curve document (corruption effects and censoring included) is
     * what {@code rhwatch score --format json} computes offline, in this JVM and as the built jar.
     */
    @Test
    void scoreJsonHoldsTheAggregatorsWholeCurveDocumentPerModel() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, JsonNode> servedDocuments = new LinkedHashMap<>();
        for (String model : options.models()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    mesh.aggregatorUrl().resolve("/v1/models/" + model + "/curve")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET /v1/models/%s/curve: %s", model, answer.body()).isEqualTo(200);
            servedDocuments.put(model, mapper.readTree(answer.body()));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"score", judgmentsFile.toString(), "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("rhwatch score in this JVM; its errors: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        assertSameModelDocuments("rhwatch score (in this JVM)", servedDocuments, mapper.readTree(out.toString(StandardCharsets.UTF_8)));

        Path output = E2e.home().resolve("e2e").resolve("target").resolve("score-documents.json");
        runCli(output, "score", judgmentsFile.toString(), "--format", "json");
        assertSameModelDocuments("rhwatch score (the CLI jar)", servedDocuments, mapper.readTree(output.toFile()));
    }

    /**
     * The two models were probed on the same samples: GET /v1/compare and {@code rhwatch compare} on the exported
     * judgments give the same document, paired intervals and p-values included.
     */
    @Test
    void compareJsonIsTheAggregatorsComparison() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                mesh.aggregatorUrl().resolve("/v1/compare?a=" + STEADY + "&b=" + DRIFTY)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET /v1/compare: %s", answer.body()).isEqualTo(200);
        JsonNode served = mapper.readTree(answer.body());
        assertThat(served.get("shared_samples").asInt()).as("samples both models saw").isEqualTo(SAMPLES);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"compare", judgmentsFile.toString(), STEADY, DRIFTY, "--format", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as("rhwatch compare; its errors: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        assertSameJson("rhwatch compare: ", served, mapper.readTree(out.toString(StandardCharsets.UTF_8)));
        E2e.progress("rhwatch compare on " + judgmentsFile.getFileName() + " gives the aggregator's /v1/compare: Δrh_auc_raw "
                + served.at("/rh_auc_raw/difference") + " " + served.at("/rh_auc_raw/ci") + ", p " + served.at("/rh_auc_raw/p_value"));
    }

    private static void assertSameModelDocuments(String who, Map<String, JsonNode> served, JsonNode scored) {
        Map<String, JsonNode> byModel = new LinkedHashMap<>();
        scored.get("models").forEach(model -> byModel.put(model.get("model").asText(), model));
        assertThat(byModel.keySet()).as("models %s scored", who).containsExactlyInAnyOrderElementsOf(served.keySet());
        served.forEach((model, document) -> assertSameJson(who + ", " + model + ": ", document, byModel.get(model)));
    }

    /** Same keys (but the update time, which only the aggregator can know), same strings, numbers to 1e-9, all the way down. */
    private static void assertSameJson(String path, JsonNode served, JsonNode scored) {
        if (served.isObject()) {
            assertThat(scored.isObject()).as(path + " is an object in both: %s", scored).isTrue();
            Set<String> servedKeys = new HashSet<>();
            served.fieldNames().forEachRemaining(servedKeys::add);
            servedKeys.remove("updated_at_ms");
            Set<String> scoredKeys = new HashSet<>();
            scored.fieldNames().forEachRemaining(scoredKeys::add);
            scoredKeys.remove("updated_at_ms");
            assertThat(scoredKeys).as(path + " keys").containsExactlyInAnyOrderElementsOf(servedKeys);
            for (String key : servedKeys) {
                assertSameJson(path + "/" + key, served.get(key), scored.get(key));
            }
        } else if (served.isArray()) {
            assertThat(scored.isArray()).as(path + " is an array in both: %s", scored).isTrue();
            assertThat(scored.size()).as(path + " length").isEqualTo(served.size());
            for (int i = 0; i < served.size(); i++) {
                assertSameJson(path + "[" + i + "]", served.get(i), scored.get(i));
            }
        } else if (served.isNumber()) {
            assertThat(scored.isNumber()).as(path + " is a number in both: %s", scored).isTrue();
            assertThat(scored.asDouble()).as(path).isCloseTo(served.asDouble(), within(1e-9));
        } else {
            assertThat(scored).as(path).isEqualTo(served);
        }
    }

    @Test
    void theIngestionServiceRefusesWritesWithoutTheTokenAndTheServicesListenOnLoopbackOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String token : new String[] {null, "not-the-token-of-this-run-0123456789-abcdef"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(mesh.ingestionUrl().resolve("/v1/imports"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"/etc/hostname\"}"));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("POST /v1/imports with token %s: %s", token, answer.body()).isEqualTo(401);
            assertThat(new ObjectMapper().readTree(answer.body()).path("field").asText()).isEqualTo("Authorization");
        }
        assertThat(Files.readString(mesh.logsDir().resolve("ingestion.log"))).as("ingestion's log")
                .containsPattern("Listening on: http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void exportJudgmentsWritesExactlyTheJudgmentsOnTheTopic() throws Exception {
        Path exported = E2e.home().resolve("e2e").resolve("target").resolve("exported-judgments.jsonl");
        Files.deleteIfExists(exported);
        Path output = exported.resolveSibling("export-judgments.out");

        runCli(output, "export-judgments", "--bootstrap-servers", mesh.bootstrapServers(), "--out", exported.toString());

        List<Judgment> read = JudgmentRecords.read(exported, new AnswerJudge());
        assertThat(Files.readString(output)).contains("wrote " + judgments.size() + " judgments to " + exported);
        assertThat(read).as("records exported").hasSameSizeAs(judgments);
        assertThat(read.stream().map(Judgment::getJudgmentId).sorted().toList())
                .as("the exported judgment ids are those read back from %s", MeshPlan.JUDGMENTS)
                .isEqualTo(judgments.stream().map(Judgment::getJudgmentId).sorted().toList());
        // and they score to the same numbers as the judgments themselves
        assertThat(Scoring.score(read, new Bootstrap())).isEqualTo(Scoring.score(judgments, new Bootstrap()));
    }

    @Test
    void theDriftyProfileLosesPerceptionSoonerThanTheSteadyOne() {
        Double steady = served.get(STEADY).rhAuc();
        Double drifty = served.get(DRIFTY).rhAuc();

        assertThat(steady).as("RH-AUC of %s (%s)", STEADY, served.get(STEADY).reason()).isNotNull();
        assertThat(drifty).as("RH-AUC of %s (%s)", DRIFTY, served.get(DRIFTY).reason()).isNotNull();
        assertThat(drifty).as("RH-AUC of %s below %s's", DRIFTY, STEADY).isLessThan(steady);
    }

    /**
     * A quiet run flags nothing (issue 11): once every judgment is counted, no model has a {@code regression} in
     * GET /v1/models and rh.alerts holds no record, raised or cleared, while every model's windows were counted. At
     * the default 1 h windows this run compares at most two windows (if it crosses an hour); {@code load-tests/run
     * regression --quiet} compares many, at windows of a minute.
     */
    @Test
    void aQuietRunFlagsNoModelAndRaisesNoAlert() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode rows = mapper.readTree(http.send(HttpRequest.newBuilder(mesh.aggregatorUrl().resolve("/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(rows).hasSize(options.models().size());
        for (JsonNode row : rows) {
            assertThat(row.has("regression")).as("/v1/models has a regression field: %s", row).isTrue();
            assertThat(row.get("regression").isNull()).as("%s is flagged: %s", row.get("model"), row.get("regression")).isTrue();
            String model = row.get("model").asText();
            URI windowsUrl = mesh.aggregatorUrl().resolve("/v1/models/" + model + "/windows");
            long expected = (long) SAMPLES * options.judgmentsPerSample();
            // the windows' global store follows rh.windows; give it a moment beyond the curves
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long judged = judgedInWindows(http, mapper, windowsUrl);
            while (judged < expected && System.nanoTime() < deadline) {
                Thread.sleep(500);
                judged = judgedInWindows(http, mapper, windowsUrl);
            }
            assertThat(judged).as("judgments of %s counted in its windows of the first size", model).isEqualTo(expected);
        }
        assertThat(E2e.records(mesh.bootstrapServers(), MeshPlan.ALERTS)).as("records on %s", MeshPlan.ALERTS).isEmpty();
    }

    /** The judgments counted in a model's windows of the first configured size (GET /v1/models/{model}/windows). */
    private static long judgedInWindows(HttpClient http, ObjectMapper mapper, URI windowsUrl) throws Exception {
        JsonNode windows = mapper.readTree(http.send(HttpRequest.newBuilder(windowsUrl).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        long judged = 0;
        for (JsonNode window : windows.at("/sizes/0/windows")) {
            judged += window.get("judged").asLong();
        }
        return judged;
    }

    private static Curve offlineCurve(String model) {
        ModelTally tally = Tallies.empty(model);
        for (Judgment judgment : judgments) {
            if (judgment.getModel().equals(model)) {
                tally = Tallies.add(tally, judgment);
            }
        }
        return Curves.of(tally);
    }

    private static void assertSame(String what, Double served, Double offline) {
        if (offline == null) {
            assertThat(served).as(what).isNull();
        } else {
            assertThat(served).as(what).isNotNull();
            assertThat(served).as(what).isCloseTo(offline, within(1e-9));
        }
    }

    /** Runs the built CLI jar as a user would, stdout to {@code output} and stderr beside it; fails unless it exits with 0. */
    private static void runCli(Path output, String... args) throws Exception {
        Path errors = output.resolveSibling(output.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", options.cliJar().toString()));
        command.addAll(List.of(args));
        E2e.progress("running rhwatch " + String.join(" ", args));
        Process cli = new ProcessBuilder(command).directory(E2e.home().toFile())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!cli.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            cli.destroyForcibly().waitFor();
            fail("rhwatch " + String.join(" ", args) + " did not finish within " + CLI_TIMEOUT.toSeconds() + " s");
        }
        assertThat(cli.exitValue()).as("exit status of rhwatch %s; its errors:%n%s", String.join(" ", args),
                Files.readString(errors)).isZero();
    }

    private static List<Double> interval(Interval interval) {
        return interval == null ? null : List.of(interval.low(), interval.high());
    }

    private static List<Double> interval(JsonNode node) {
        return node == null || node.isNull() ? null : List.of(node.get(0).asDouble(), node.get(1).asDouble());
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static void assertSameInterval(String what, List<Double> served, List<Double> offline) {
        if (offline == null) {
            assertThat(served).as(what).isNull();
        } else {
            assertThat(served).as(what).hasSize(2);
            assertThat(served.get(0)).as(what + " low").isCloseTo(offline.get(0), within(1e-9));
            assertThat(served.get(1)).as(what + " high").isCloseTo(offline.get(1), within(1e-9));
        }
    }

    /** Reads rh.judgments (read_committed) until the expected count arrived, then on to the end offsets, so duplicates show. */
    private static List<ConsumerRecord<String, byte[]>> readJudgments(long expected) {
        E2e.progress("waiting for " + expected + " judgments on " + MeshPlan.JUDGMENTS);
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = E2e.consumer(mesh.bootstrapServers())) {
            List<TopicPartition> partitions = consumer.partitionsFor(MeshPlan.JUDGMENTS).stream()
                    .map(p -> new TopicPartition(MeshPlan.JUDGMENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + JUDGING_TIMEOUT.toNanos();
            long nextNote = 0;
            while (read.size() < expected) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
                long now = System.nanoTime();
                if (now > nextNote) {
                    failOnDeadLetters();
                    mesh.checkRunning();
                    E2e.progress("judgments: " + read.size() + "/" + expected);
                    nextNote = now + Duration.ofSeconds(15).toNanos();
                }
                if (now > deadline) {
                    fail("only " + read.size() + " of " + expected + " judgments arrived within " + JUDGING_TIMEOUT.toMinutes() + " min");
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        failOnDeadLetters();
        E2e.progress("read " + read.size() + " judgments");
        return read;
    }

    /** Polls the aggregator until it has counted every judgment of every model; returns each model's curve. */
    private static Map<String, AggregatorClient.ModelCurve> awaitAggregator(long perModel) throws Exception {
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), options.authToken());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, AggregatorClient.ModelCurve> curves = new LinkedHashMap<>();
        while (true) {
            curves.clear();
            for (String model : options.models()) {
                aggregator.curve(model).ifPresent(curve -> curves.put(model, curve));
            }
            if (curves.size() == options.models().size() && curves.values().stream().allMatch(c -> c.judged() >= perModel)) {
                E2e.progress("the aggregator counted every judgment");
                return curves;
            }
            if (System.nanoTime() > deadline) {
                fail("the aggregator did not count " + perModel + " judgments per model within 2 min: "
                        + curves.values().stream().map(c -> c.model() + " " + c.judged()).toList());
            }
            Thread.sleep(500);
        }
    }

    private static void failOnDeadLetters() {
        Map<String, Long> deadLetters = mesh.deadLetterCounts();
        Map<String, Long> nonZero = new HashMap<>();
        deadLetters.forEach((topic, count) -> {
            if (count > 0) {
                nonZero.put(topic, count);
            }
        });
        if (!nonZero.isEmpty()) {
            String topic = nonZero.keySet().iterator().next();
            fail("records were dead-lettered: " + nonZero + "; the first on " + topic + ": "
                    + E2e.firstDeadLetterReason(mesh.bootstrapServers(), topic));
        }
    }

    private static List<String> probeKinds() {
        List<String> kinds = new ArrayList<>(List.of(Labels.of(Corruption.CORRUPTION_NONE)));
        options.corruptions().stream().map(Labels::of).forEach(kinds::add);
        return kinds;
    }

    private static List<String> first(List<String> ids) {
        return ids.subList(0, Math.min(10, ids.size()));
    }
}
