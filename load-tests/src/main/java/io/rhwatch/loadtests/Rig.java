package io.rhwatch.loadtests;

import com.google.protobuf.ByteString;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.testsupport.EmbeddedKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both scenarios run: a real KRaft broker (in this JVM), the simulator playing a GPU of {@code slots} slots and
 * {@code serviceTime} per request, and the real inference service, both from their built jars as processes.
 */
final class Rig implements AutoCloseable {

    static final String MODEL = "rh-sim-steady";
    /** Level 0 and one thinking level: one streamed thinking call and two answer calls per probe. */
    static final List<Integer> BUDGETS = List.of(0, 16);
    static final int CALLS_PER_PROBE = 1 + BUDGETS.size();

    private final JavaService sim;
    private final JavaService inference;
    private final KafkaProducer<String, byte[]> producer;
    private final List<BenchmarkSample> samples = BenchmarkGenerator.generate(16, 4);
    private final String bootstrap;
    private final int simGrpcPort;

    private Rig(JavaService sim, int simGrpcPort, JavaService inference, KafkaProducer<String, byte[]> producer, String bootstrap) {
        this.sim = sim;
        this.simGrpcPort = simGrpcPort;
        this.inference = inference;
        this.producer = producer;
        this.bootstrap = bootstrap;
    }

    /**
     * @param simSettings       the simulator's capacity and faults (rhwatch.sim.capacity.*)
     * @param inferenceSettings the inference service's settings (rhwatch.inference.*)
     */
    static Rig start(Map<String, String> simSettings, Map<String, String> inferenceSettings) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        Path logs = root.resolve("load-tests/target/logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("starting the broker (KRaft, in this JVM) ...");
        String bootstrap = EmbeddedKafka.bootstrapServers();
        EmbeddedKafka.createTopics(6, "rh.probes", "rh.responses", "rh.dlq.inference");

        int simGrpcPort = JavaService.freePort();
        Map<String, String> simProperties = new LinkedHashMap<>(simSettings);
        simProperties.put("quarkus.grpc.server.port", String.valueOf(simGrpcPort));
        System.out.println("starting model-sim " + simSettings + " ...");
        JavaService sim = JavaService.start("model-sim", root.resolve("services/model-sim/target/quarkus-app/quarkus-run.jar"),
                "512m", simProperties, Map.of(), logs);
        Map<String, String> inferenceProperties = new LinkedHashMap<>(inferenceSettings);
        inferenceProperties.put("quarkus.grpc.clients.triton.host", "localhost");
        inferenceProperties.put("quarkus.grpc.clients.triton.port", String.valueOf(simGrpcPort));
        System.out.println("starting inference " + inferenceSettings + " ...");
        JavaService inference = JavaService.start("inference", root.resolve("services/inference/target/quarkus-app/quarkus-run.jar"),
                "512m", inferenceProperties, Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap), logs);
        sim.awaitReady(Duration.ofMinutes(2));
        inference.awaitReady(Duration.ofMinutes(2));
        System.out.println("ready; logs in " + logs);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        return new Rig(sim, simGrpcPort, inference, producer, bootstrap);
    }

    JavaService sim() {
        return sim;
    }

    /** The simulator's KServe v2 gRPC port, for calling it directly. */
    int simGrpcPort() {
        return simGrpcPort;
    }

    /** A benchmark sample, as the probes carry them. */
    BenchmarkSample sample(int i) {
        return samples.get(i % samples.size());
    }

    JavaService inference() {
        return inference;
    }

    String bootstrapServers() {
        return bootstrap;
    }

    /** Sends {@code count} probes (benchmark questions and images, clean) and returns their ids. */
    List<String> sendProbes(String run, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BenchmarkSample sample = samples.get(i % samples.size());
            String sampleId = run + "-" + i;
            Probe probe = Probe.newBuilder()
                    .setProbeId(sampleId + "|" + MODEL + "|clean")
                    .setSample(SampleRef.newBuilder()
                            .setSampleId(sampleId)
                            .setTask(sample.task().equals("perception") ? Task.TASK_PERCEPTION : Task.TASK_REASONING)
                            .setQuestionType(switch (sample.questionType()) {
                                case "yes_no" -> QuestionType.QUESTION_TYPE_YES_NO;
                                case "multi_choice" -> QuestionType.QUESTION_TYPE_MULTI_CHOICE;
                                default -> QuestionType.QUESTION_TYPE_NUMERIC;
                            })
                            .addAllChoices(sample.choices())
                            .setGroundTruth(sample.answer()))
                    .setModel(MODEL)
                    .setCorruption(Corruption.CORRUPTION_NONE)
                    .setQuestion(sample.question())
                    .setImage(Image.newBuilder().setData(ByteString.copyFrom(sample.png())).setMediaType("image/png"))
                    .addAllBudgets(BUDGETS)
                    .setCreatedAtMs(System.currentTimeMillis())
                    .build();
            producer.send(new ProducerRecord<>("rh.probes", probe.getProbeId(), probe.toByteArray()));
            ids.add(probe.getProbeId());
        }
        producer.flush();
        return ids;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        inference.close();
        sim.close();
    }
}
