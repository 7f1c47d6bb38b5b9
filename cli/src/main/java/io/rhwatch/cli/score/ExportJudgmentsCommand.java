package io.rhwatch.cli.score;

import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code rhwatch export-judgments --bootstrap-servers HOST:PORT --out FILE}: every judgment on
 * rh.judgments, from the beginning to the end as it is when the command starts, as judged JSONL
 * records that {@code rhwatch score} reads. Records the aggregator would dead-letter (not a
 * Judgment, no model, no verdict) are skipped and counted, so the file scores to the numbers the
 * aggregator serves. No consumer group: nothing is committed. The broker's security settings come from the
 * environment, as the services take them ({@link KafkaConnection#fromEnvironment}).
 */
public final class ExportJudgmentsCommand {

    private final ExportOptions options;
    private final PrintStream out;
    private final PrintStream err;

    public ExportJudgmentsCommand(ExportOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** @return exit status 0 done, 1 failed */
    public int run() {
        try {
            Counts counts = export(KafkaConnection.fromEnvironment(options.bootstrapServers(), System.getenv()),
                    options.out(), options.timeout());
            out.println("wrote " + counts.written() + " judgments to " + options.out().toAbsolutePath().normalize()
                    + (counts.skipped() > 0 ? " (skipped " + counts.skipped() + " records the aggregator dead-letters)" : ""));
            return 0;
        } catch (IOException e) {
            err.println("rhwatch export-judgments: cannot write " + options.out() + ": " + e.getMessage());
        } catch (AuthenticationException e) {
            err.println("rhwatch export-judgments: the broker refused the credentials (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, "
                    + "KAFKA_SASL_JAAS_CONFIG): " + e.getMessage());
        } catch (KafkaException | IllegalStateException e) {
            err.println("rhwatch export-judgments: " + e.getMessage());
        }
        return 1;
    }

    public record Counts(long written, long skipped) {
    }

    /**
     * Reads {@value MeshPlan#JUDGMENTS} from the beginning to its current end into {@code file}, creating its
     * directory. The records go to a sibling file first, so a failed export leaves no partial file.
     */
    public static Counts export(KafkaConnection kafka, Path file, Duration timeout) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Counts counts = exportTo(kafka, partial, timeout);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static Counts exportTo(KafkaConnection kafka, Path file, Duration timeout) throws IOException {
        String bootstrapServers = kafka.bootstrapServers();
        Map<String, Object> config = kafka.clientConfig(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        long deadline = System.nanoTime() + timeout.toNanos();
        long written = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config);
             BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(MeshPlan.JUDGMENTS, timeout);
            } catch (TimeoutException e) {
                throw new IllegalStateException("no Kafka broker answered on " + bootstrapServers + " within "
                        + timeout.toSeconds() + " s (" + e.getMessage() + ")", e);
            }
            if (partitions == null || partitions.isEmpty()) {
                throw new IllegalStateException("topic " + MeshPlan.JUDGMENTS + " does not exist on " + bootstrapServers);
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(MeshPlan.JUDGMENTS, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + MeshPlan.JUDGMENTS + " to its end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    Judgment judgment = countable(record.value());
                    if (judgment == null) {
                        skipped++;
                        continue;
                    }
                    writer.write(JudgmentRecords.toLine(judgment));
                    writer.newLine();
                    written++;
                }
            }
        }
        return new Counts(written, skipped);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** The judgment, or null for what the aggregator dead-letters instead of counting. */
    private static Judgment countable(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            Judgment judgment = Judgment.parseFrom(value);
            boolean counted = !judgment.getModel().isBlank() && judgment.hasSample()
                    && judgment.getVerdict() != Verdict.VERDICT_UNSPECIFIED && judgment.getVerdict() != Verdict.UNRECOGNIZED;
            return counted ? judgment : null;
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }
}
