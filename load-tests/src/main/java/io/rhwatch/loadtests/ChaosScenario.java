package io.rhwatch.loadtests;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.mesh.MeshService;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.cli.process.Supervisor;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Judgment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code load-tests/run chaos}: the whole mesh as `rhwatch up` runs it (a KRaft broker, model-sim and the five
 * services, each its own JVM under the launcher's supervisor) answers the bundled benchmark twice on the same
 * samples: once quietly, once while judge, inference, aggregator, corruption and ingestion are each killed with
 * SIGKILL in turn mid-stream and restarted by the supervisor with the same command and environment. Samples go in
 * one POST at a time, retried while ingestion is down. Then the aggregator's counts and RH-AUC of both runs are
 * compared ({@link ChaosComparison}). See load-tests/README.md.
 */
final class ChaosScenario {

    static final List<MeshService> KILL_ORDER = List.of(MeshService.JUDGE, MeshService.INFERENCE, MeshService.AGGREGATOR,
            MeshService.CORRUPTION, MeshService.INGESTION);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChaosScenario() {
    }

    static int run() throws Exception {
        int sampleCount = Main.env("SAMPLES", 40);
        int seed = Main.env("SEED", 7);
        Duration interval = Duration.ofMillis(Main.env("FEED_INTERVAL_MS", 300));
        Duration pause = Duration.ofSeconds(Main.env("PAUSE_SECONDS", 5));
        if (sampleCount < 2 * (KILL_ORDER.size() + 1)) {
            throw new IllegalArgumentException("SAMPLES must be at least " + 2 * (KILL_ORDER.size() + 1)
                    + ", so that every kill has samples of its own in flight; was " + sampleCount);
        }
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(sampleCount, seed);
        Path home = Path.of("").toAbsolutePath();
        Path runs = home.resolve("load-tests/target/chaos/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));

        say("quiet run: " + sampleCount + " samples (seed " + seed + "), nothing killed");
        Map<String, AggregatorClient.ModelCurve> quiet;
        long expectedPerModel;
        try (Mesh mesh = start(home, runs.resolve("quiet"))) {
            expectedPerModel = (long) sampleCount * mesh.options().judgmentsPerSample();
            SampleFeeder feeder = new SampleFeeder(mesh.ingestionUrl(), mesh.options().authToken(), READY_TIMEOUT);
            for (BenchmarkSample sample : samples) {
                feeder.post(sample);
            }
            quiet = AggregatorCounts.awaitCounted(mesh, expectedPerModel, ChaosScenario::say);
        }

        say("chaos run: the same samples, in slices fed as " + names(KILL_ORDER) + " are killed in turn");
        Map<String, AggregatorClient.ModelCurve> chaos;
        long duplicatesOnTopic;
        SampleFeeder feeder;
        try (Mesh mesh = start(home, runs.resolve("chaos"))) {
            feeder = new SampleFeeder(mesh.ingestionUrl(), mesh.options().authToken(), READY_TIMEOUT);
            chaos = runChaos(mesh, feeder, samples, interval, pause, expectedPerModel);
            TopicIds judgments = TopicIds.read(mesh.kafka(), MeshPlan.JUDGMENTS, value -> Judgment.parseFrom(value).getJudgmentId());
            say(judgments.toString());
            duplicatesOnTopic = judgments.duplicates();
            say("restarts: " + mesh.restarts().stream().filter(r -> r.count() > 0)
                    .map(r -> r.name() + " " + r.count() + " (exit " + r.lastExitStatus() + ")").collect(Collectors.joining(", ")));
        }

        ChaosComparison comparison = ChaosComparison.of(expectedPerModel, quiet, chaos);
        comparison.differences().stream().limit(20).forEach(d -> say("difference: " + d));
        for (String model : quiet.keySet()) {
            say(model + ": RH-AUC quiet " + quiet.get(model).rhAuc() + ", chaos " + (chaos.containsKey(model) ? chaos.get(model).rhAuc() : "none"));
        }
        Main.result("chaos", "RESULT killed=" + names(KILL_ORDER) + " lost=" + comparison.lost()
                + " counted_twice=" + comparison.countedTwice() + " rh_auc_equal=" + comparison.rhAucEqual()
                + " samples=" + sampleCount + " judgments=" + comparison.expected()
                + " duplicates_on_topic=" + duplicatesOnTopic + " feeder_retries=" + feeder.retries());
        return comparison.lost() == 0 && comparison.countedTwice() == 0 && comparison.rhAucEqual() ? 0 : 1;
    }

    private static Mesh start(Path home, Path runDir) throws IOException {
        Files.createDirectories(runDir);
        // any free ports: a mesh another user starts on this machine must not answer for one of ours
        Mesh mesh = new Mesh(MeshOptions.defaults(home, runDir).withAnyFreePorts(), message -> say("mesh: " + message));
        try {
            mesh.start();
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
        return mesh;
    }

    /**
     * Feeds the samples in {@code KILL_ORDER.size() + 1} slices, one POST every {@code interval}: the first at
     * once, each next one just before the next kill, which comes once a sample of that slice was accepted. So
     * every kill lands while fresh samples flow through the mesh, and ingestion's while the feeder is posting.
     */
    private static Map<String, AggregatorClient.ModelCurve> runChaos(Mesh mesh, SampleFeeder feeder, List<BenchmarkSample> samples,
                                                                     Duration interval, Duration pause, long expectedPerModel)
            throws Exception {
        int slices = KILL_ORDER.size() + 1;
        Semaphore released = new Semaphore(1);
        Semaphore firstOfSlicePosted = new Semaphore(0);
        ExecutorService feeding = Executors.newSingleThreadExecutor();
        Future<?> fed = feeding.submit(() -> {
            for (int slice = 0; slice < slices; slice++) {
                released.acquire();
                int from = samples.size() * slice / slices;
                int to = samples.size() * (slice + 1) / slices;
                for (int i = from; i < to; i++) {
                    feeder.post(samples.get(i));
                    if (i == from) {
                        firstOfSlicePosted.release();
                    }
                    Thread.sleep(interval.toMillis());
                }
            }
            return null;
        });
        try {
            AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken());
            while (AggregatorCounts.judged(aggregator) == 0) {
                mesh.checkRunning();
                failIfFailed(fed);
                Thread.sleep(500);
            }
            firstOfSlicePosted.acquire();
            for (MeshService service : KILL_ORDER) {
                released.release();
                while (!firstOfSlicePosted.tryAcquire(1, TimeUnit.SECONDS)) {
                    failIfFailed(fed);
                }
                killAndAwaitRestart(mesh, service, aggregator, expectedPerModel);
                Thread.sleep(pause.toMillis());
            }
            fed.get();
            say("every sample was accepted (" + feeder.retries() + " POSTs retried)");
        } finally {
            feeding.shutdownNow();
        }
        return AggregatorCounts.awaitCounted(mesh, expectedPerModel, ChaosScenario::say);
    }

    private static void killAndAwaitRestart(Mesh mesh, MeshService service, AggregatorClient aggregator, long expectedPerModel)
            throws Exception {
        ServiceProcess process = mesh.processes(false).stream().filter(p -> p.name().equals(service.id())).findFirst().orElseThrow();
        int restartsBefore = restarts(mesh, service.id());
        long pid = process.pid();
        long judged = AggregatorCounts.judged(aggregator);
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service.id() + " (pid " + pid + ") is not running"))
                .destroyForcibly();
        long killedAt = System.nanoTime();
        say("kill -9 " + service.id() + " (pid " + pid + ") with " + judged + " of " + expectedPerModel * mesh.options().models().size()
                + " judgments counted");
        long deadline = killedAt + READY_TIMEOUT.toNanos();
        while (!(restarts(mesh, service.id()) > restartsBefore && ready(mesh.url(service)))) {
            mesh.checkRunning();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.id() + " was not restarted and ready within " + READY_TIMEOUT.toSeconds()
                        + " s; see " + process.log());
            }
            Thread.sleep(250);
        }
        say(service.id() + " restarted (pid " + process.pid() + ") and ready after " + Supervisor.secondsSince(killedAt));
    }

    private static int restarts(Mesh mesh, String name) {
        return mesh.restarts().stream().filter(r -> r.name().equals(name)).mapToInt(Supervisor.Restarts::count).findFirst().orElse(0);
    }

    private static boolean ready(URI service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(service.resolve("/q/health/ready")).timeout(Duration.ofSeconds(3)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Throws the feeder's failure, if it failed. */
    private static void failIfFailed(Future<?> fed) throws InterruptedException, ExecutionException {
        if (fed.isDone()) {
            fed.get();
        }
    }

    private static String names(List<MeshService> services) {
        return services.stream().map(MeshService::id).collect(Collectors.joining(","));
    }

    private static void say(String message) {
        System.out.println("[chaos " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.now()) + "] " + message);
        System.out.flush();
    }
}
