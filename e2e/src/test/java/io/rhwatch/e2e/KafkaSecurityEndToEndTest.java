package io.rhwatch.e2e;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.auth.ApiToken;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.IngestionClient;
import io.rhwatch.cli.client.ServiceException;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.mesh.MeshService;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.testsupport.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The mesh on a broker whose clients must authenticate (SASL_PLAINTEXT, SCRAM-SHA-512, as Strimzi's
 * KafkaUsers): every Kafka client kind the services and the CLI have (producers, consumers, dead-letter
 * producers, Kafka Streams with its internal and global-store clients, the launcher's admin, export-judgments' consumer) gets
 * its settings from the same environment variables as in Kubernetes, and does its work; a service and the CLI
 * given a wrong password say so, and the service accepts nothing it cannot write.
 */
class KafkaSecurityEndToEndTest {

    static final String USER = "rhwatch";
    static final String PASSWORD = "rhwatch-secret";
    static final int SAMPLES = 10;
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Not a protobuf message (field number 0): every consumer dead-letters it. */
    static final byte[] MALFORMED = {0, 1, 2, 3};
    /** Where a malformed record on each consumed topic must end up. */
    static final Map<String, String> DEAD_LETTER_TOPICS = Map.of(
            MeshPlan.SAMPLES, MeshPlan.CORRUPTION_DEAD_LETTERS,
            MeshPlan.PROBES, MeshPlan.INFERENCE_DEAD_LETTERS,
            MeshPlan.RESPONSES, MeshPlan.JUDGE_DEAD_LETTERS,
            MeshPlan.JUDGMENTS, MeshPlan.AGGREGATOR_DEAD_LETTERS);

    static EmbeddedKafka.ScramCluster broker;
    static Mesh mesh;
    static MeshOptions options;
    static Path runDir;
    /** An ingestion service given a wrong password, started beside the mesh. */
    static Process wrongPassword;
    static URI wrongPasswordUrl;
    static Path wrongPasswordLog;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> mesh == null ? null : mesh.logsDir());

    @BeforeAll
    static void startTheMeshOnAScramBroker() throws IOException {
        E2e.progress("starting a broker with a SCRAM-SHA-512 listener");
        broker = EmbeddedKafka.withScram(Map.of(USER, PASSWORD));
        runDir = E2e.newRunDir("kafka-security");
        options = MeshOptions.defaults(E2e.home(), runDir).withAggregatorPort(0)
                .withProbes(List.of(0, 200), List.of(Corruption.CORRUPTION_BLANK_IMAGE))
                .withKafka(connection(PASSWORD));
        mesh = new Mesh(options, E2e::progress);
        startIngestionWithAWrongPassword();
        mesh.start();
    }

    private static void startIngestionWithAWrongPassword() throws IOException {
        int port = freePort();
        wrongPasswordUrl = URI.create("http://localhost:" + port);
        wrongPasswordLog = Files.createDirectories(mesh.logsDir()).resolve("ingestion-wrong-password.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-jar", MeshService.INGESTION.jar(E2e.home()).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(wrongPasswordLog.toFile());
        builder.environment().putAll(connection("not-the-password").serviceEnvironment());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put(ApiToken.ENVIRONMENT, options.authToken());
        builder.environment().put("RHWATCH_INGESTION_IMPORT_ROOT", mesh.importRoot().toString());
        wrongPassword = builder.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (wrongPassword != null) {
            wrongPassword.destroy();
            if (!wrongPassword.waitFor(10, TimeUnit.SECONDS)) {
                wrongPassword.destroyForcibly().waitFor();
            }
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void everyClientWorksWithTheRightCredentials() throws Exception {
        for (String topic : DEAD_LETTER_TOPICS.keySet()) {
            sendPlaintext(topic, "malformed-" + topic, MALFORMED);
        }
        Path dataset = BenchmarkWriter.write(mesh.importRoot().resolve("benchmark"), BenchmarkGenerator.generate(SAMPLES, 11));
        IngestionClient.ImportResult imported = new IngestionClient(mesh.ingestionUrl(), options.authToken()).importFile(dataset);
        assertThat(imported.accepted()).isEqualTo(SAMPLES);

        long perModel = (long) SAMPLES * options.judgmentsPerSample();
        long expected = perModel * options.models().size();
        awaitJudgments(expected);

        // The dead-letter producers of corruption, inference and judge, and the aggregator's topology, wrote one each.
        assertThat(mesh.deadLetterCounts()).as("the launcher's admin counts dead letters").containsKeys(DEAD_LETTER_TOPICS.values().toArray(String[]::new));
        DEAD_LETTER_TOPICS.forEach((topic, deadLetters) -> assertThat(records(deadLetters))
                .as("dead letters on %s", deadLetters).extracting(ConsumerRecord::key).containsExactly("malformed-" + topic));

        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), options.authToken());
        for (String model : options.models()) {
            AggregatorClient.ModelCurve curve = awaitCurve(aggregator, model, perModel);
            assertThat(curve.points()).as("%s levels", model).hasSize(options.budgets().size());
            // The gauges follow the read model: global stores over the published curves, Kafka Streams' global consumer.
            awaitJudgedGauge(mesh.aggregatorUrl().resolve("/q/metrics"), model, perModel);
        }

        Path exported = runDir.resolve("judgments.jsonl");
        CliRun export = runCli(PASSWORD, "export-judgments", "--bootstrap-servers", broker.bootstrapServers(), "--out", exported.toString());
        assertThat(export.status()).as("rhwatch export-judgments: %s", export.err()).isZero();
        assertThat(Files.readAllLines(exported)).hasSize((int) expected);
    }

    @Test
    void aWrongPasswordIsReportedAndNothingIsAccepted() throws Exception {
        CliRun export = runCli("not-the-password", "export-judgments", "--bootstrap-servers", broker.bootstrapServers(),
                "--out", runDir.resolve("refused.jsonl").toString());
        assertThat(export.status()).isEqualTo(1);
        assertThat(export.err()).contains("the broker refused the credentials").contains("Authentication failed");

        // Never ready; once its check has asked the broker, it says why.
        HttpResponse<String> readiness;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        do {
            readiness = awaitAnswer(wrongPasswordUrl.resolve("/q/health/ready"));
            assertThat(readiness.statusCode()).as("readiness: %s", readiness.body()).isEqualTo(503);
            Thread.sleep(250);
        } while (!readiness.body().contains("SaslAuthenticationException") && System.nanoTime() < deadline);
        assertThat(readiness.body()).contains("Authentication failed").contains("SCRAM-SHA-512");

        int before = records(MeshPlan.SAMPLES).size();
        Path one = BenchmarkWriter.write(mesh.importRoot().resolve("refused"), BenchmarkGenerator.generate(1, 12));
        assertThatThrownBy(() -> new IngestionClient(wrongPasswordUrl, options.authToken()).importFile(one))
                .isInstanceOf(ServiceException.class).hasMessageContaining("503");
        assertThat(records(MeshPlan.SAMPLES)).as("records on %s", MeshPlan.SAMPLES).hasSize(before);
        assertThat(ServiceProcess.tail(wrongPasswordLog, 400)).contains("Authentication failed").contains("SCRAM-SHA-512");
    }

    static KafkaConnection connection(String password) {
        return KafkaConnection.fromEnvironment(broker.bootstrapServers(), Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", EmbeddedKafka.SCRAM_MECHANISM,
                "KAFKA_SASL_JAAS_CONFIG", EmbeddedKafka.ScramCluster.jaasConfig(USER, password)));
    }

    /** The test's own writes go to the broker's unauthenticated listener: the clients under test are the mesh's. */
    private static void sendPlaintext(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.plaintextBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every committed record on {@code topic} so far. */
    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        return E2e.records(broker.plaintextBootstrapServers(), topic);
    }

    private static void awaitJudgments(long expected) throws InterruptedException {
        E2e.progress("waiting for " + expected + " judgments on " + MeshPlan.JUDGMENTS);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long judged;
        while ((judged = records(MeshPlan.JUDGMENTS).stream().filter(r -> !r.key().startsWith("malformed-")).count()) < expected) {
            mesh.checkRunning();
            if (System.nanoTime() > deadline) {
                fail("only " + judged + " of " + expected + " judgments arrived within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
        assertThat(judged).as("judgments").isEqualTo(expected);
    }

    private static AggregatorClient.ModelCurve awaitCurve(AggregatorClient aggregator, String model, long judged) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            var curve = aggregator.curve(model);
            if (curve.isPresent() && curve.get().judged() == judged) {
                return curve.get();
            }
            if (System.nanoTime() > deadline) {
                fail("the aggregator did not count " + judged + " judgments of " + model + ": " + curve);
            }
            Thread.sleep(500);
        }
    }

    private static void awaitJudgedGauge(URI metrics, String model, long expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String body = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            String series = body.lines().filter(line -> line.startsWith("rhwatch_model_judged{") && line.contains("model=\"" + model + "\""))
                    .findFirst().orElse("(no rhwatch_model_judged of " + model + ")");
            if (series.endsWith(" " + (double) expected)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("the aggregator's gauge is not " + expected + ": " + series);
            }
            Thread.sleep(500);
        }
    }

    /** The first answer of {@code url}, once the process listens. */
    private static HttpResponse<String> awaitAnswer(URI url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            if (!wrongPassword.isAlive()) {
                fail("the ingestion service with the wrong password exited with " + wrongPassword.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    fail(url + " never answered");
                }
                Thread.sleep(250);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record CliRun(int status, String err) {
    }

    /** The built CLI jar as a user runs it, with the SASL settings of {@code password} in its environment. */
    private static CliRun runCli(String password, String... args) throws Exception {
        Path errors = Files.createTempFile(runDir, "cli-", ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", options.cliJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        Map<String, String> env = new HashMap<>(connection(password).serviceEnvironment());
        env.remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().putAll(env);
        Process cli = builder.start();
        if (!cli.waitFor(2, TimeUnit.MINUTES)) {
            cli.destroyForcibly().waitFor();
            fail("rhwatch " + String.join(" ", args) + " did not finish within 2 min");
        }
        return new CliRun(cli.exitValue(), Files.readString(errors));
    }
}
