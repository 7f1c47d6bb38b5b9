package io.rhwatch.loadtests;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.cli.mesh.MeshService;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.core.Labels;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Response;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code load-tests/run scale-out}: the whole mesh as {@code rhwatch up} runs it, but with the deployments' partition
 * counts (6 a topic), fed the bundled benchmark without pause while corruption, inference and judge scale out and in:
 * <ol>
 *   <li>one instance each: probes/s over a window;</li>
 *   <li>join: a second instance of each starts and joins its consumer group; probes/s over a window after the
 *       rebalance;</li>
 *   <li>leave: the second instances stop with SIGTERM for good (they leave their groups);</li>
 *   <li>rejoin: a third instance of each starts;</li>
 *   <li>kill: the first instances get SIGKILL for good (never restarted): the groups go on with the third ones once
 *       the dead members' sessions time out; probes/s over a window again, one instance each.</li>
 * </ol>
 * For each change, the longest time a partition of the three groups stood still with records waiting, and the longest
 * time a group was rebalancing ({@link Stalls}). Then the feed stops, the mesh drains, and every judgment the fed samples yield must be
 * counted by the aggregator exactly once, cell by cell ({@link CellCounts}); duplicate records on rh.probes,
 * rh.responses and rh.judgments are counted by id ({@link TopicIds}). See load-tests/README.md.
 */
final class ScaleOutScenario {

    /** A consumer group of the mesh that scales out, and the topic it consumes. */
    record Group(MeshService service, String id, String topic) {
    }

    static final List<Group> GROUPS = List.of(
            new Group(MeshService.CORRUPTION, "rhwatch-corruption", MeshPlan.SAMPLES),
            new Group(MeshService.INFERENCE, "rhwatch-inference", MeshPlan.PROBES),
            new Group(MeshService.JUDGE, "rhwatch-judge", MeshPlan.RESPONSES));
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private ScaleOutScenario() {
    }

    static int run() throws Exception {
        int sampleCount = Main.env("SAMPLES", 4000);
        int warmupS = Main.env("WARMUP_S", 30);
        int windowS = Main.env("WINDOW_S", 60);
        int settleS = Main.env("SETTLE_S", 15);
        int backlogSamples = Main.env("MAX_BACKLOG", 12);
        Duration recoveryTimeout = Duration.ofSeconds(Main.env("RECOVERY_TIMEOUT_S", 240));
        say("generating " + sampleCount + " benchmark samples ...");
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(sampleCount, Main.env("SEED", 13));
        Path home = Path.of("").toAbsolutePath();
        Path runDir = home.resolve("load-tests/target/scale-out/" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        Files.createDirectories(runDir);
        MeshOptions options = MeshOptions.defaults(home, runDir).withAnyFreePorts().withTopicLayout(Platform.KUBERNETES);

        try (Mesh mesh = new Mesh(options, message -> say("mesh: " + message))) {
            mesh.start();
            int judgmentsPerSample = options.judgmentsPerSample() * options.models().size();
            int budgets = options.budgets().size();
            AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), options.authToken());
            try (GroupWatch watch = GroupWatch.start(mesh.kafka(), GROUPS, aggregator, ScaleOutScenario::say)) {
                Feed feed = new Feed(new SampleFeeder(mesh.ingestionUrl(), options.authToken(), READY_TIMEOUT, "rhwatch-scale-out", true),
                        samples, () -> watch.counted() / judgmentsPerSample, backlogSamples);
                Future<?> feeding = feed.start();

                say("phase 1: one instance each; " + warmupS + " s warm-up, " + windowS + " s window");
                TimeUnit.SECONDS.sleep(warmupS);
                long steadyFrom = System.currentTimeMillis();
                double single = probesPerSecond(mesh, aggregator, budgets, windowS, feed, feeding);
                Stalls.Stall steadyStall = watch.longestStall(steadyFrom, System.currentTimeMillis());
                say("one instance each: " + Main.format(single) + " probes/s; longest stall in the window: " + describe(steadyStall));

                say("phase 2: a second instance of each joins");
                List<ServiceProcess> secondInstances = new ArrayList<>();
                Pause join = change(mesh, watch, "join", recoveryTimeout, () -> secondInstances.addAll(startInstances(mesh)));
                TimeUnit.SECONDS.sleep(settleS);
                double scaled = probesPerSecond(mesh, aggregator, budgets, windowS, feed, feeding);
                say("two instances each: " + Main.format(scaled) + " probes/s");

                say("phase 3: the second instances leave (SIGTERM)");
                Pause leave = change(mesh, watch, "leave", recoveryTimeout, () -> stopAll(mesh, secondInstances, false));
                say("phase 4: a third instance of each joins");
                List<ServiceProcess> thirds = new ArrayList<>();
                Pause rejoin = change(mesh, watch, "rejoin", recoveryTimeout, () -> thirds.addAll(startInstances(mesh)));
                say("phase 5: the first instances are killed (SIGKILL), never restarted; the third ones go on");
                List<ServiceProcess> firsts = mesh.processes(false).stream()
                        .filter(p -> GROUPS.stream().anyMatch(g -> g.service().id().equals(p.name()))).toList();
                Pause kill = change(mesh, watch, "kill", recoveryTimeout, () -> stopAll(mesh, firsts, true));
                // one instance each again, its JVMs warm and under the machine's load of now: the fairer reference
                TimeUnit.SECONDS.sleep(settleS);
                double singleAgain = probesPerSecond(mesh, aggregator, budgets, windowS, feed, feeding);
                say("one instance each again: " + Main.format(singleAgain) + " probes/s");

                feed.stop(feeding);
                int fed = feed.fed();
                long expectedPerModel = (long) fed * options.judgmentsPerSample();
                say("fed " + fed + " samples (" + feed.retries() + " POSTs retried); draining until the aggregator counted "
                        + expectedPerModel + " judgments a model");
                Map<String, AggregatorClient.ModelCurve> curves = AggregatorCounts.awaitCounted(mesh, expectedPerModel, ScaleOutScenario::say);
                Map<String, Long> want = expectedCells(samples.subList(0, fed), options);
                CellCounts.Tally tally = CellCounts.Tally.NONE;
                for (String model : options.models()) {
                    AggregatorClient.ModelCurve curve = curves.get(model);
                    tally = tally.plus(CellCounts.compare(model, want, curve == null ? Map.of() : CellCounts.of(curve)));
                }
                tally.differences().stream().limit(20).forEach(d -> say("difference: " + d));
                List<TopicIds> topics = List.of(
                        TopicIds.read(mesh.kafka(), MeshPlan.PROBES, value -> Probe.parseFrom(value).getProbeId()),
                        TopicIds.read(mesh.kafka(), MeshPlan.RESPONSES, value -> Response.parseFrom(value).getResponseId()),
                        TopicIds.read(mesh.kafka(), MeshPlan.JUDGMENTS, value -> Judgment.parseFrom(value).getJudgmentId()));
                topics.forEach(t -> say(t.toString()));
                long deadLetters = mesh.deadLetterCounts().values().stream().mapToLong(Long::longValue).sum();
                say("dead letters: " + mesh.deadLetterCounts());
                say("restarts: " + mesh.restarts().stream().map(r -> r.name() + " " + r.count() + (r.running() ? "" : " (stopped, exit "
                        + r.lastExitStatus() + ")")).collect(Collectors.joining(", ")));

                Main.result("scale-out", "RESULT " + String.join(" ", List.of(
                        "scale_out_probes_per_s=" + Main.format(scaled),
                        "single_probes_per_s=" + Main.format(single),
                        "single_again_probes_per_s=" + Main.format(singleAgain),
                        "ratio=" + Main.format(scaled / Math.max(single, singleAgain)),
                        "steady_stall_s=" + Main.format(seconds(steadyStall)),
                        "rebalance_pause_s_join=" + Main.format(join.stallS()),
                        "rebalance_pause_s_leave=" + Main.format(leave.stallS()),
                        "rebalance_pause_s_rejoin=" + Main.format(rejoin.stallS()),
                        "rebalance_pause_s_kill=" + Main.format(kill.stallS()),
                        "rebalancing_s_join=" + Main.format(join.rebalancingS()),
                        "rebalancing_s_leave=" + Main.format(leave.rebalancingS()),
                        "rebalancing_s_rejoin=" + Main.format(rejoin.rebalancingS()),
                        "rebalancing_s_kill=" + Main.format(kill.rebalancingS()),
                        "lost=" + tally.lost(),
                        "counted_twice=" + tally.countedTwice(),
                        "duplicate_records=" + topics.stream().map(t -> t.topic() + ":" + t.duplicates()).collect(Collectors.joining(",")),
                        "dead_letters=" + deadLetters,
                        "samples=" + fed,
                        "judgments=" + expectedPerModel * options.models().size())));
                return tally.lost() == 0 && tally.countedTwice() == 0 && !feed.ranOut() ? 0 : 1;
            }
        }
    }

    /** Every judgment {@code fed} yields for one model, per cell: each sample at every level, clean and under each corruption. */
    static Map<String, Long> expectedCells(List<BenchmarkSample> fed, MeshOptions options) {
        List<String> corruptions = new ArrayList<>();
        corruptions.add(Labels.of(Corruption.CORRUPTION_NONE));
        options.corruptions().forEach(c -> corruptions.add(Labels.of(c)));
        Map<String, Long> cells = new HashMap<>();
        for (BenchmarkSample sample : fed) {
            for (int budget : options.budgets()) {
                for (String corruption : corruptions) {
                    cells.merge(CellCounts.cell(budget, sample.task(), corruption), 1L, Long::sum);
                }
            }
        }
        return cells;
    }

    /** Probes the aggregator counted per second over {@code seconds} (its judgments over the budget levels a probe has). */
    private static double probesPerSecond(Mesh mesh, AggregatorClient aggregator, int budgets, int seconds, Feed feed, Future<?> feeding)
            throws Exception {
        long from = AggregatorCounts.judgedOnceAnswering(aggregator);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            mesh.checkRunning();
            feed.failIfFailed(feeding);
            Thread.sleep(500);
        }
        long to = AggregatorCounts.judgedOnceAnswering(aggregator);
        return (to - from) / ((System.nanoTime() - start) / 1e9) / budgets;
    }

    /**
     * What a change to the groups cost: the longest stall of a partition with records waiting, and the longest
     * rebalance of a group, from the change's start until every partition was consumed again.
     */
    record Pause(double stallS, double rebalancingS) {
    }

    /** Makes a change to the groups and waits until every partition was consumed again after it. */
    private static Pause change(Mesh mesh, GroupWatch watch, String name, Duration timeout, Callable<?> action) throws Exception {
        long from = System.currentTimeMillis();
        action.call();
        long done = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!watch.allConsumedSince(done)) {
            mesh.checkRunning();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("after the " + name + ", a partition was not consumed again within "
                        + timeout.toSeconds() + " s: " + describe(watch.longestStall(from, System.currentTimeMillis())));
            }
            Thread.sleep(500);
        }
        long recovered = System.currentTimeMillis();
        Stalls.Stall stall = watch.longestStall(from, recovered);
        Stalls.Stall rebalance = watch.longestRebalance(from, recovered);
        say(name + ": took " + (done - from) / 1000.0 + " s, every partition consumed again " + (recovered - done) / 1000.0
                + " s later; longest stall " + describe(stall) + ", longest rebalance " + describe(rebalance));
        return new Pause(seconds(stall), seconds(rebalance));
    }

    private static double seconds(Stalls.Stall stall) {
        return stall == null ? 0 : stall.millis() / 1000.0;
    }

    /** A new instance of each scaling service, started together; returns once all are ready. */
    private static List<ServiceProcess> startInstances(Mesh mesh) throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(GROUPS.size());
        try {
            List<Future<ServiceProcess>> started = new ArrayList<>();
            for (Group group : GROUPS) {
                started.add(starting.submit(() -> mesh.startInstance(group.service())));
            }
            List<ServiceProcess> processes = new ArrayList<>();
            for (Future<ServiceProcess> process : started) {
                processes.add(process.get());
            }
            say("started " + processes);
            return processes;
        } finally {
            starting.shutdownNow();
        }
    }

    /** Stops each process for good at once: SIGTERM ({@code kill} false) or SIGKILL. */
    private static Void stopAll(Mesh mesh, List<ServiceProcess> processes, boolean kill) throws Exception {
        ExecutorService stopping = Executors.newFixedThreadPool(processes.size());
        try {
            say((kill ? "kill -9 " : "kill -TERM ") + processes);
            List<Future<?>> stopped = new ArrayList<>();
            for (ServiceProcess process : processes) {
                stopped.add(stopping.submit(() -> mesh.stopInstance(process, kill)));
            }
            for (Future<?> done : stopped) {
                done.get();
            }
            return null;
        } finally {
            stopping.shutdownNow();
        }
    }

    private static String describe(Stalls.Stall stall) {
        return stall == null ? "none" : Main.format(stall.millis() / 1000.0) + " s (" + stall.name() + ")";
    }

    /** Posts samples in order, one at a time, while fewer than {@code backlog} posted ones are not yet counted. */
    private static final class Feed {
        private final SampleFeeder poster;
        private final List<BenchmarkSample> samples;
        private final java.util.function.LongSupplier countedSamples;
        private final int backlog;
        private final AtomicInteger fed = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicBoolean ranOut = new AtomicBoolean();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();

        Feed(SampleFeeder poster, List<BenchmarkSample> samples, java.util.function.LongSupplier countedSamples, int backlog) {
            this.poster = poster;
            this.samples = samples;
            this.countedSamples = countedSamples;
            this.backlog = backlog;
        }

        Future<?> start() {
            return thread.submit(() -> {
                while (!stopped.get()) {
                    int next = fed.get();
                    if (next == samples.size()) {
                        ranOut.set(true);
                        return null;
                    }
                    if (next - countedSamples.getAsLong() >= backlog) {
                        Thread.sleep(100);
                        continue;
                    }
                    poster.post(samples.get(next));
                    fed.incrementAndGet();
                }
                return null;
            });
        }

        /** Stops after the POST under way, if any; every sample counted in {@link #fed()} was accepted. */
        void stop(Future<?> feeding) throws Exception {
            stopped.set(true);
            feeding.get(1, TimeUnit.MINUTES);
            thread.shutdown();
            if (ranOut.get()) {
                say("the feed ran out of samples: raise SAMPLES");
            }
        }

        void failIfFailed(Future<?> feeding) throws Exception {
            if (feeding.isDone()) {
                feeding.get();
            }
        }

        int fed() {
            return fed.get();
        }

        long retries() {
            return poster.retries();
        }

        boolean ranOut() {
            return ranOut.get();
        }
    }

    static void say(String message) {
        System.out.println("[scale-out " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.now()) + "] " + message);
        System.out.flush();
    }
}
