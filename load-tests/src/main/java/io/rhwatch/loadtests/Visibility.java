package io.rhwatch.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Judgment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * How long after a judgment is written to rh.judgments the aggregator shows it, both on its SSE stream
 * ({@code GET /v1/stream}, event {@code models}) and on {@code GET /v1/models} (polled every {@link #POLL}).
 * A model's judgments sit on one partition (the topic is keyed by model) and are counted in that order, so the
 * n-th judgment written since the start is visible once the model's judged count reaches its count at the start
 * plus n. Start it on a drained mesh: every judgment on the topic already counted.
 */
final class Visibility implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A model's judged count as first seen at a time (epoch ms). */
    record Seen(long atMs, long judged) {
    }

    /** HTTP/1.1: the JDK client's h2c upgrade attempt ends an SSE stream on Quarkus with RST_STREAM. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI aggregator;
    private final String token;
    private final Map<String, Long> judgedAtStart;
    private final Map<String, List<Long>> writtenAtMs = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> onStream = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> onModels = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    private Visibility(URI aggregator, String token, Map<String, Long> judgedAtStart) {
        this.aggregator = aggregator;
        this.token = token;
        this.judgedAtStart = judgedAtStart;
    }

    /** Starts watching the topic from its end, the stream and the polled list. */
    static Visibility start(KafkaConnection kafka, URI aggregator, String token, Map<String, Long> judgedAtStart) {
        Visibility visibility = new Visibility(aggregator, token, Map.copyOf(judgedAtStart));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
        List<TopicPartition> partitions = consumer.partitionsFor(MeshPlan.JUDGMENTS).stream()
                .map(p -> new TopicPartition(MeshPlan.JUDGMENTS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        visibility.spawn("visibility-topic", () -> visibility.readJudgments(consumer));
        visibility.spawn("visibility-stream", visibility::readStream);
        visibility.spawn("visibility-models", visibility::pollModels);
        return visibility;
    }

    /** Judgments written since the start. */
    long written() {
        return writtenAtMs.values().stream().mapToLong(List::size).sum();
    }

    /**
     * Per judgment written since the start and shown by both views, milliseconds from its write to the later of the
     * two; judgments not shown yet are left out (call once the mesh has drained).
     */
    List<Long> latenciesMs() {
        return latenciesMs(judgedAtStart, writtenAtMs, onStream, onModels);
    }

    /**
     * The n-th judgment of a model written since the start (write times in partition order) is shown by a view once
     * that view's judged count reaches the model's count at the start plus n.
     */
    static List<Long> latenciesMs(Map<String, Long> judgedAtStart, Map<String, List<Long>> writtenAtMs,
                                  Map<String, List<Seen>> onStream, Map<String, List<Seen>> onModels) {
        List<Long> latencies = new ArrayList<>();
        writtenAtMs.forEach((model, written) -> {
            long base = judgedAtStart.getOrDefault(model, 0L);
            for (int n = 1; n <= written.size(); n++) {
                long stream = firstReaching(onStream.getOrDefault(model, List.of()), base + n);
                long models = firstReaching(onModels.getOrDefault(model, List.of()), base + n);
                if (stream > 0 && models > 0) {
                    latencies.add(Math.max(0, Math.max(stream, models) - written.get(n - 1)));
                }
            }
        });
        return latencies;
    }

    private static long firstReaching(List<Seen> seen, long count) {
        for (Seen s : seen) {
            if (s.judged() >= count) {
                return s.atMs();
            }
        }
        return -1;
    }

    private void readJudgments(KafkaConsumer<String, byte[]> consumer) {
        Set<String> ids = new HashSet<>();
        try (consumer) {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Judgment judgment = Judgment.parseFrom(record.value());
                    // a redelivered judgment is not counted again by the aggregator
                    if (ids.add(judgment.getJudgmentId())) {
                        writtenAtMs.computeIfAbsent(record.key(), m -> new CopyOnWriteArrayList<>()).add(record.timestamp());
                    }
                }
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a record on " + MeshPlan.JUDGMENTS + " is no Judgment", e);
        }
    }

    private void readStream() {
        HttpRequest request = authorised(HttpRequest.newBuilder(aggregator.resolve("/v1/stream"))
                .header("Accept", "text/event-stream")).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            String event = "";
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (!running.get()) {
                    break;
                }
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && event.equals("models")) {
                    record(onStream, line.substring("data:".length()).strip());
                }
            }
        } catch (IOException e) {
            if (running.get()) {
                throw new IllegalStateException("the aggregator's SSE stream failed", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollModels() {
        HttpRequest request = authorised(HttpRequest.newBuilder(aggregator.resolve("/v1/models"))).build();
        while (running.get()) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    record(onModels, response.body());
                }
                Thread.sleep(POLL.toMillis());
            } catch (IOException notAnswering) {
                // the next poll tries again; a gap only makes latencies look longer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The judged count of every model in a models document, where it grew. */
    private static void record(Map<String, List<Seen>> seen, String modelsJson) {
        long now = System.currentTimeMillis();
        try {
            for (JsonNode model : JSON.readTree(modelsJson)) {
                List<Seen> counts = seen.computeIfAbsent(model.path("model").asText(), m -> new CopyOnWriteArrayList<>());
                long judged = model.path("judged").asLong();
                if (counts.isEmpty() || counts.get(counts.size() - 1).judged() < judged) {
                    counts.add(new Seen(now, judged));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the aggregator sent a models document that is not JSON: " + modelsJson, e);
        }
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token.strip());
    }

    private void spawn(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
    }

    /** The q-quantile (0..1) of {@code values}, nearest rank. */
    static long quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
