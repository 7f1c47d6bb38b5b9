package io.rhwatch.e2e;

import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.kafka.TopicSnapshot;
import io.rhwatch.cli.process.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where the repository and this module's runs are, progress output, and the services' logs when something fails. */
final class E2e {

    private static final long START = System.nanoTime();

    private E2e() {
    }

    /** The repository root, with services/*&#47;target and cli/target built (surefire passes it). */
    static Path home() {
        return Path.of(System.getProperty("rhwatch.home", "..")).toAbsolutePath().normalize();
    }

    static Path newRunDir(String name) throws IOException {
        Path runs = Path.of(System.getProperty("rhwatch.e2e.runs", "target/mesh-runs"));
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now());
        return Files.createDirectories(runs.resolve(name + "-" + stamp)).toAbsolutePath();
    }

    /** Long waits say what they wait for. */
    static void progress(String message) {
        System.out.printf("[e2e %4ds] %s%n", Duration.ofNanos(System.nanoTime() - START).toSeconds(), message);
        System.out.flush();
    }

    /** Prints the end of every log in {@code logs}, so a failure shows what the processes said. */
    static void printLogTails(Path logs, int lines) {
        if (logs == null || !Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                System.out.println("----- the end of " + log + " -----");
                System.out.println(ServiceProcess.tail(log, lines));
            }
        } catch (IOException e) {
            System.out.println("(could not list " + logs + ": " + e.getMessage() + ")");
        }
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** The reason the first dead letter on {@code topic} carries, for a failure message. */
    /** Every record on {@code topic} up to its end offsets now, from the beginning. */
    static List<ConsumerRecord<String, byte[]>> records(String bootstrapServers, String topic) {
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        TopicSnapshot.read(KafkaConnection.plaintext(bootstrapServers), topic, read::add);
        return read;
    }

    static String firstDeadLetterReason(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header reason = record.headers().lastHeader("dead-letter-reason");
                    return "key " + record.key() + ": "
                            + (reason == null ? "(no dead-letter-reason header)" : new String(reason.value(), StandardCharsets.UTF_8));
                }
            }
            return "(could not read it back)";
        }
    }
}
