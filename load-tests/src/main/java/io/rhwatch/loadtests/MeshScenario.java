package io.rhwatch.loadtests;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.ServiceException;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.mesh.MeshService;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.core.mesh.MeshPlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code load-tests/run mesh}: how many probes per second the whole mesh carries on this machine, against what the
 * simulator alone can serve, and how soon the dashboard shows a judgment. The mesh runs as {@code rhwatch up} runs it
 * (a KRaft broker, model-sim with no service time and the five services, each its own JVM). Three phases:
 * <ol>
 *   <li>ceiling: the probes' generations sent straight at the mesh's own model-sim over gRPC ({@link ProbeCeiling});</li>
 *   <li>throughput: benchmark samples posted as fast as the mesh takes them (a bounded backlog of probes), and after
 *       a warm-up, a measured window: probes and judgments per second, CPU per service, bytes written per sample,
 *       each JVM's heap after a full GC at the window's start and end, and with PROFILE=1 where each JVM's CPU went
 *       ({@link HotCode});</li>
 *   <li>visibility: samples at half the measured rate, and for each judgment the time from its write to rh.judgments
 *       until the aggregator's SSE stream and /v1/models show it ({@link Visibility}).</li>
 * </ol>
 * See load-tests/README.md.
 */
final class MeshScenario {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private MeshScenario() {
    }

    static int run() throws Exception {
        int sampleCount = Main.env("SAMPLES", 1500);
        int ceilingS = Main.env("CEILING_WINDOW_S", 20);
        int ceilingCallers = Main.env("CEILING_CALLERS", 32);
        int warmupS = Main.env("WARMUP_S", 30);
        int windowS = Main.env("WINDOW_S", 120);
        int visibilityS = Main.env("VISIBILITY_S", 60);
        int backlogProbes = Main.env("BACKLOG_PROBES", 64);
        int feeders = Main.env("FEEDERS", 2);
        boolean profile = Main.env("PROFILE", 0) == 1;
        say("generating " + sampleCount + " benchmark samples ...");
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(sampleCount, Main.env("SEED", 11));
        Path home = Path.of("").toAbsolutePath();
        Path runDir = home.resolve("load-tests/target/mesh/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        Files.createDirectories(runDir);

        try (Mesh mesh = new Mesh(MeshOptions.defaults(home, runDir).withAnyFreePorts(), message -> say("mesh: " + message))) {
            mesh.start();
            MeshOptions options = mesh.options();
            int probesPerSample = options.models().size() * (1 + options.corruptions().size());

            say("phase 1, ceiling: " + ceilingCallers + " callers send probes' generations straight to model-sim for " + ceilingS + " s");
            double ceiling = ProbeCeiling.measure(mesh.simGrpcPort(), options.models(), options.budgets(), samples,
                    ceilingCallers, Duration.ofSeconds(5), Duration.ofSeconds(ceilingS));

            say("phase 2, throughput: samples as fast as the mesh takes them (at most " + backlogProbes + " probes waiting), "
                    + warmupS + " s warm-up, " + windowS + " s window");
            Feeder feeder = new Feeder(mesh, samples, probesPerSample);
            Future<?> feeding = feeder.start(feeders, () -> feeder.probesWaiting() < backlogProbes);
            TimeUnit.SECONDS.sleep(warmupS);
            Snapshot start = Snapshot.take(mesh);
            if (profile) {
                startRecordings(mesh, runDir);
            }
            TimeUnit.SECONDS.sleep(windowS);
            if (profile) {
                reportHotCode(mesh, runDir);
            }
            Snapshot end = Snapshot.take(mesh);
            feeder.stop(feeding);
            double seconds = (end.atNanos - start.atNanos) / 1e9;
            double probesPerS = (end.probesAnswered - start.probesAnswered) / seconds;
            double judgmentsPerS = (end.judgmentsWritten - start.judgmentsWritten) / seconds;
            long samplesIn = end.samplesWritten - start.samplesWritten;
            long bytesWritten = total(end.bytesPerTopic) - total(start.bytesPerTopic);
            double bytesPerSample = samplesIn == 0 ? Double.NaN : (double) bytesWritten / samplesIn;
            double probesInWindow = Math.max(1, end.probesAnswered - start.probesAnswered);
            Map<String, String> cpuPerThousand = new LinkedHashMap<>();
            start.cpuSeconds.forEach((name, before) ->
                    cpuPerThousand.put(name, Main.format((end.cpuSeconds.get(name) - before) * 1000 / probesInWindow)));
            double heapGrowth = 0;
            for (String name : start.heapMb.keySet()) {
                heapGrowth += end.heapMb.get(name) - start.heapMb.get(name);
            }
            say(String.format("window %.0f s: %.0f probes answered, %d judgments written, %d samples in; feeder ran out of samples: %s",
                    seconds, end.probesAnswered - start.probesAnswered, end.judgmentsWritten - start.judgmentsWritten, samplesIn, feeder.ranOut()));
            say("CPU seconds per 1,000 probes: " + cpuPerThousand);
            say("heap after GC, MB, start → end: " + start.heapMb.keySet().stream()
                    .map(n -> n + " " + Main.format(start.heapMb.get(n)) + " → " + Main.format(end.heapMb.get(n)))
                    .collect(Collectors.joining(", ")));
            say("bytes written to all topics in the window: " + bytesWritten + "; the bundled images average "
                    + Math.round(samples.stream().mapToInt(s -> s.png().length).average().orElse(0)) + " bytes; per sample by topic: "
                    + end.bytesPerTopic.keySet().stream()
                    .map(topic -> Map.entry(topic, end.bytesPerTopic.get(topic) - start.bytesPerTopic.getOrDefault(topic, 0L)))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + Math.round((double) e.getValue() / Math.max(1, samplesIn)))
                    .collect(Collectors.joining(", ")));
            awaitDrained(mesh);

            double visibilityRate = probesPerS / 2 / probesPerSample;
            say(String.format("phase 3, visibility: %.2f samples/s (half the measured rate) for %d s", visibilityRate, visibilityS));
            List<Long> latencies;
            Map<String, Long> judgedAtStart = awaitJudgedPerModel(mesh);
            say("judged per model at the start: " + judgedAtStart);
            try (Visibility visibility = Visibility.start(mesh.kafka(), mesh.aggregatorUrl(), options.authToken(), judgedAtStart)) {
                Feeder paced = new Feeder(mesh, samples.subList(feeder.used(), samples.size()), probesPerSample);
                long intervalNanos = (long) (1e9 / visibilityRate);
                AtomicLong next = new AtomicLong(System.nanoTime());
                Future<?> pacing = paced.start(1, () -> {
                    long due = next.get();
                    if (System.nanoTime() < due) {
                        return false;
                    }
                    next.set(due + intervalNanos);
                    return true;
                });
                TimeUnit.SECONDS.sleep(visibilityS);
                paced.stop(pacing);
                awaitDrained(mesh);
                latencies = visibility.latenciesMs();
                say(latencies.size() + " of " + visibility.written() + " judgments written were seen by both views; judged per model now: "
                        + judgedPerModel(mesh));
            }
            Main.result("mesh", "RESULT " + String.join(" ", List.of(
                    "mesh_probes_per_s=" + Main.format(probesPerS),
                    "judgments_per_s=" + Main.format(judgmentsPerS),
                    "ceiling_probes_per_s=" + Main.format(ceiling),
                    "ratio=" + Main.format(probesPerS / ceiling),
                    "visible_p50_ms=" + Visibility.quantile(latencies, 0.50),
                    "visible_p99_ms=" + Visibility.quantile(latencies, 0.99),
                    "bytes_per_sample=" + Math.round(bytesPerSample),
                    "heap_growth_mb=" + Main.format(heapGrowth))));
            return feeder.ranOut() || latencies.isEmpty() ? 1 : 0;
        }
    }

    /** The counters a window is measured between. */
    private record Snapshot(long atNanos, double probesAnswered, long judgmentsWritten, long samplesWritten, Map<String, Long> bytesPerTopic,
                            Map<String, Double> cpuSeconds, Map<String, Double> heapMb) {

        static Snapshot take(Mesh mesh) throws IOException, InterruptedException {
            Map<String, Double> heap = new LinkedHashMap<>();
            for (ServiceProcess process : mesh.processes(false)) {
                heap.put(process.name(), ProcessUsage.liveHeapMb(process.pid(), URI.create("http://localhost:" + process.httpPort())));
            }
            Map<String, Double> cpu = new LinkedHashMap<>();
            for (ServiceProcess process : mesh.processes(true)) {
                cpu.put(process.name(), ProcessUsage.cpuSeconds(process.pid()));
            }
            double answered = ProcessUsage.metric(mesh.url(MeshService.INFERENCE), "rhwatch_inference_probes_total", "outcome=\"responded\"");
            return new Snapshot(System.nanoTime(), answered, endOffsets(mesh, MeshPlan.JUDGMENTS),
                    endOffsets(mesh, MeshPlan.SAMPLES), sizeOfAllTopics(mesh), cpu, heap);
        }
    }

    /** Every process of the mesh, the broker's included, records execution samples for the window (PROFILE=1). */
    private static void startRecordings(Mesh mesh, Path runDir) throws IOException, InterruptedException {
        for (ServiceProcess process : mesh.processes(true)) {
            ProcessUsage.startRecording(process.pid(), runDir.resolve(process.name() + ".jfr"));
        }
    }

    /** Ends the recordings and prints, per process, the libraries and methods its CPU went to. */
    private static void reportHotCode(Mesh mesh, Path runDir) throws IOException, InterruptedException {
        for (ServiceProcess process : mesh.processes(true)) {
            ProcessUsage.stopRecording(process.pid());
            Path recording = runDir.resolve(process.name() + ".jfr");
            HotCode hot = HotCode.of(recording, 8);
            say("hot code " + process.name() + " (" + hot.samples() + " execution samples, " + recording + "): libraries "
                    + hot.libraries() + "; methods " + hot.methods());
        }
    }

    /** Posts samples from several threads while {@code mayPost} allows, until stopped or out of samples. */
    private static final class Feeder {
        private final Mesh mesh;
        private final List<BenchmarkSample> samples;
        private final int probesPerSample;
        private final SampleFeeder poster;
        private final AtomicInteger nextSample = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicBoolean ranOut = new AtomicBoolean();
        private ExecutorService threads;
        private double answered;
        private long answeredReadAt;

        Feeder(Mesh mesh, List<BenchmarkSample> samples, int probesPerSample) {
            this.mesh = mesh;
            this.samples = samples;
            this.probesPerSample = probesPerSample;
            this.poster = new SampleFeeder(mesh.ingestionUrl(), mesh.options().authToken(), READY_TIMEOUT);
        }

        Future<?> start(int threadCount, java.util.function.BooleanSupplier mayPost) {
            threads = Executors.newFixedThreadPool(threadCount + 1);
            List<Future<?>> posting = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                posting.add(threads.submit(() -> {
                    while (!stopped.get()) {
                        if (!mayPost.getAsBoolean()) {
                            Thread.sleep(5);
                            continue;
                        }
                        int i = nextSample.getAndIncrement();
                        if (i >= samples.size()) {
                            ranOut.set(true);
                            return null;
                        }
                        poster.post(samples.get(i));
                    }
                    return null;
                }));
            }
            return threads.submit(() -> {
                for (Future<?> thread : posting) {
                    thread.get();
                }
                return null;
            });
        }

        /**
         * Probes of the samples posted so far that inference has not answered yet (its counter read at most once a
         * second: a scrape of inference's whole /q/metrics every 200 ms cost it 4% of its CPU in the profile). A read that fails (inference too busy to answer within its timeout, e.g. while a JFR recording is
         * written) keeps the last count, which only holds the feeder back until the next read.
         */
        synchronized double probesWaiting() {
            if (System.nanoTime() - answeredReadAt > Duration.ofSeconds(1).toNanos()) {
                try {
                    answered = ProcessUsage.metric(mesh.url(MeshService.INFERENCE), "rhwatch_inference_probes_total", "outcome=\"responded\"");
                } catch (IllegalStateException unanswered) {
                    say("inference's metrics were not read, the feeder waits: " + unanswered.getMessage());
                }
                answeredReadAt = System.nanoTime();
            }
            return (double) Math.min(nextSample.get(), samples.size()) * probesPerSample - answered;
        }

        void stop(Future<?> feeding) throws Exception {
            stopped.set(true);
            feeding.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            threads.shutdownNow();
        }

        int used() {
            return Math.min(nextSample.get(), samples.size());
        }

        boolean ranOut() {
            return ranOut.get();
        }
    }

    /** Waits until the aggregator's counts stop changing for 5 s: every posted sample judged and counted. */
    private static void awaitDrained(Mesh mesh) throws InterruptedException {
        Map<String, Long> last = Map.of();
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - stableSince < Duration.ofSeconds(5).toNanos()) {
            mesh.checkRunning();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mesh did not drain within " + READY_TIMEOUT.toMinutes() + " min");
            }
            Map<String, Long> now = judgedPerModel(mesh);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            }
            Thread.sleep(500);
        }
    }

    /** Every model's judged count, once the aggregator answers for all of them (the visibility baseline must be whole). */
    private static Map<String, Long> awaitJudgedPerModel(Mesh mesh) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            Map<String, Long> judged = judgedPerModel(mesh);
            if (judged.keySet().containsAll(mesh.options().models())) {
                return judged;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the aggregator did not answer for every model within " + READY_TIMEOUT.toMinutes() + " min");
            }
            Thread.sleep(250);
        }
    }

    private static Map<String, Long> judgedPerModel(Mesh mesh) {
        try {
            return new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken()).models().stream()
                    .collect(Collectors.toMap(AggregatorClient.ModelSummary::model, AggregatorClient.ModelSummary::judged));
        } catch (ServiceException notAnswering) {
            return Map.of();
        }
    }

    private static long endOffsets(Mesh mesh, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(mesh.kafka().clientConfig(Map.of(
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static long total(Map<String, Long> bytesPerTopic) {
        return bytesPerTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The size on disk of every topic (the mesh's, and Kafka Streams' changelogs and repartitions), by topic. */
    private static Map<String, Long> sizeOfAllTopics(Mesh mesh) {
        try (Admin admin = Admin.create(mesh.kafka().clientConfig(Map.of()))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            Map<String, Long> bytes = new java.util.TreeMap<>();
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    dir.replicaInfos().forEach((partition, replica) -> bytes.merge(partition.topic(), replica.size(), Long::sum));
                }
            }
            return bytes;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not describe the broker's log directories", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void say(String message) {
        System.out.println("[mesh " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.now()) + "] " + message);
        System.out.flush();
    }
}
