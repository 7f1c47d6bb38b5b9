package io.rhwatch.ingestion.ledger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.proto.v1.AcceptedSample;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Which samples, by sample id and epoch, the mesh accepted within the duplicate window: every replica reads the
 * whole of the compacted rh.ingested (assigned partitions, no consumer group) into memory and follows it, so what
 * one replica accepted, every replica, and every restart, knows. It is loaded once it read up to the end offsets it
 * found at start; until then it knows nothing for certain ({@link #awaitLoaded}). Entries older than the window are
 * forgotten, as the aggregator forgets the judgment ids it counted.
 */
@ApplicationScoped
public class AcceptedLedger {

    private static final Logger LOG = Logger.getLogger(AcceptedLedger.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final Map<String, Object> kafka;
    private final Duration window;
    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile String problem = "not read yet";
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread reader;

    public AcceptedLedger(@Identifier("default-kafka-broker") Map<String, Object> kafka, IngestionConfig config) {
        this.kafka = kafka;
        this.window = config.duplicateWindow();
    }

    void start(@Observes StartupEvent started) {
        reader = new Thread(this::follow, "ingested-ledger-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** When {@code key} ({@code RecordIds.evaluation}) was accepted, if within the window. */
    public OptionalLong acceptedAt(String key) {
        Long at = acceptedAt.get(key);
        return at == null || at < oldestRemembered() ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Records an acceptance at once, before rh.ingested brings it back, so this replica knows it immediately. */
    public void remember(String key, long at) {
        acceptedAt.merge(key, at, Math::min);
    }

    public boolean awaitLoaded(Duration timeout) {
        try {
            return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** Why it is not loaded, for readiness. */
    public String problem() {
        return problem;
    }

    private long oldestRemembered() {
        return System.currentTimeMillis() - window.toMillis();
    }

    /** Reads rh.ingested from the beginning and follows it; on any failure starts over after a pause. */
    private void follow() {
        while (running) {
            try (KafkaConsumer<String, byte[]> client = new KafkaConsumer<>(consumerConfig())) {
                consumer = client;
                read(client);
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                problem = MeshPlan.INGESTED + ": " + e.getMessage();
                LOG.warnf("reading %s failed, starting over in %s: %s", MeshPlan.INGESTED, RETRY, e.getMessage());
                sleep(RETRY);
            } finally {
                consumer = null;
            }
        }
    }

    private void read(KafkaConsumer<String, byte[]> client) {
        List<PartitionInfo> info = Optional.ofNullable(client.partitionsFor(MeshPlan.INGESTED)).orElse(List.of());
        if (info.isEmpty()) {
            throw new IllegalStateException("the topic does not exist");
        }
        List<TopicPartition> partitions = info.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        client.assign(partitions);
        client.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = client.endOffsets(partitions);
        long nextPurge = System.nanoTime() + PURGE_INTERVAL.toNanos();
        while (running) {
            for (ConsumerRecord<String, byte[]> record : client.poll(POLL)) {
                apply(record);
            }
            if (!isLoaded() && partitions.stream().allMatch(p -> client.position(p) >= end.get(p))) {
                problem = "";
                loaded.countDown();
                LOG.infof("loaded %d accepted samples from %s", acceptedAt.size(), MeshPlan.INGESTED);
            }
            if (System.nanoTime() > nextPurge) {
                long oldest = oldestRemembered();
                acceptedAt.values().removeIf(at -> at < oldest);
                nextPurge = System.nanoTime() + PURGE_INTERVAL.toNanos();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        long at;
        try {
            at = AcceptedSample.parseFrom(record.value()).getAcceptedAtMs();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            LOG.warnf("%s: record %s at offset %d is no AcceptedSample, skipped", MeshPlan.INGESTED, record.key(), record.offset());
            return;
        }
        if (at >= oldestRemembered()) {
            remember(record.key(), at);
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rhwatch-ingestion-ledger");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
