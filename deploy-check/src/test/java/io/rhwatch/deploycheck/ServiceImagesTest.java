package io.rhwatch.deploycheck;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service images as docker-compose.yml builds them, against a Kafka container (Testcontainers): ingestion takes
 * a sample over HTTP and corruption turns it into probes on rh.probes, across containers on one network. Needs a
 * Docker engine and the images (`mvn -B -ntp package -DskipTests && docker compose build`); without either the
 * test is skipped, saying which. (No Docker engine runs where rhwatch is developed: CI keeps using the in-JVM
 * KRaft broker of the services' own tests.)
 */
class ServiceImagesTest {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String TAG = "0.1.0-SNAPSHOT";
    private static final List<String> IMAGES = List.of("rhwatch/ingestion:" + TAG, "rhwatch/corruption:" + TAG);
    private static final String MODEL = "rh-sim-steady";

    /** Why the images cannot be run here, or null when they can. */
    private static String unavailable;
    private static Network network;
    private static KafkaContainer kafka;
    private static GenericContainer<?> ingestion;
    private static GenericContainer<?> corruption;

    @BeforeAll
    static void start() throws Exception {
        unavailable = unavailable();
        if (unavailable != null) {
            return;
        }

        network = Network.newNetwork();
        kafka = new KafkaContainer(KAFKA_IMAGE).withNetwork(network).withListener("kafka:19092")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", "16777216").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        kafka.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of("rh.samples", "rh.probes", "rh.dlq.corruption")) {
                topics.add(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "16777216")));
            }
            admin.createTopics(topics).all().get();
        }
        ingestion = service("ingestion", 8081);
        corruption = service("corruption", 8082).withEnv("RHWATCH_CORRUPTION_MODELS", MODEL);
        ingestion.start();
        corruption.start();
    }

    private static String unavailable() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return "no Docker engine: the service images are not run against a Kafka container here";
        }
        List<String> missing = new ArrayList<>();
        for (String image : IMAGES) {
            if (DockerClientFactory.instance().client().listImagesCmd().withImageNameFilter(image).exec().isEmpty()) {
                missing.add(image);
            }
        }
        return missing.isEmpty() ? null : "images " + missing + " are not built: mvn -B -ntp package -DskipTests && docker compose build";
    }

    private static GenericContainer<?> service(String name, int port) {
        return new GenericContainer<>("rhwatch/" + name + ":" + TAG).withNetwork(network).dependsOn(kafka)
                .withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092").withExposedPorts(port)
                .waitingFor(Wait.forHttp("/q/health/ready").forPort(port).withStartupTimeout(Duration.ofMinutes(2)));
    }

    @AfterAll
    static void stop() {
        for (GenericContainer<?> container : new GenericContainer<?>[] {corruption, ingestion, kafka}) {
            if (container != null) {
                container.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aSamplePostedToIngestionBecomesProbesFromCorruption() throws Exception {
        assumeTrue(unavailable == null, unavailable);
        String body = "{\"id\": \"images-1\", \"task\": \"perception\", \"question_type\": \"multi-choice\","
                + " \"question\": \"What colour is the square?\", \"choices\": [\"red\", \"green\"], \"answer\": \"A\","
                + " \"image\": \"" + Base64.getEncoder().encodeToString(png()) + "\"}";
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + ingestion.getHost() + ":" + ingestion.getMappedPort(8081) + "/v1/samples"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        List<ConsumerRecord<byte[], byte[]>> probes = read("rh.probes", 4, Duration.ofSeconds(60));
        assertThat(probes).isNotEmpty().allSatisfy(probe -> assertThat(new String(probe.value(), StandardCharsets.ISO_8859_1))
                .contains("images-1").contains(MODEL));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int wanted, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "service-images-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < wanted && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 32; y++) {
                image.setRGB(x, y, x < 16 ? 0xCC2222 : 0x22AA22);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
