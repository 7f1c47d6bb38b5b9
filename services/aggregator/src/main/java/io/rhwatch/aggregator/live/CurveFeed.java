package io.rhwatch.aggregator.live;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.proto.v1.Curve;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Follows rh.curves from its beginning and hands every curve to the live views: the RH-AUC history,
 * the interval gauges and the server-sent events. A plain consumer without a group: each aggregator
 * instance reads every partition and commits nothing, so it replays the compacted topic on start.
 */
@ApplicationScoped
public class CurveFeed {

    private static final Logger LOG = Logger.getLogger(CurveFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final RhAucHistory history;
    private final CurveGauges gauges;
    private final LiveUpdates updates;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private Thread thread;

    CurveFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
              RhAucHistory history, CurveGauges gauges, LiveUpdates updates) {
        this.bootstrapServers = bootstrapServers;
        this.history = history;
        this.gauges = gauges;
        this.updates = updates;
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "rhwatch-curve-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> curves = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "rhwatch-aggregator-curve-feed",
                // The topology writes curves in transactions: show only committed ones.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = curves;
            if (!running) {
                return;
            }
            List<TopicPartition> partitions = awaitPartitions(curves);
            curves.assign(partitions);
            curves.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : curves.poll(POLL)) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf(e, "the live curve feed stopped: %s; the dashboard will not update until restart", e.getMessage());
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> curves) {
        while (running) {
            List<PartitionInfo> infos = curves.listTopics(TOPIC_WAIT).get(TopologyProducer.CURVES_TOPIC);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            try {
                Thread.sleep(TOPIC_WAIT.toMillis()); // the topology creates nothing; wait for the topic to exist
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        throw new WakeupException();
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        Curve curve;
        try {
            curve = Curve.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("rh.curves %d@%d: not a Curve (%s); skipped by the live views", record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (curve.getModel().isEmpty()) {
            return;
        }
        long at = curve.getUpdatedAtMs() > 0 ? curve.getUpdatedAtMs() : record.timestamp();
        history.record(curve.getModel(), at, curve.hasRhAuc() ? curve.getRhAuc() : null);
        gauges.record(curve);
        updates.changed(curve.getModel());
    }
}
