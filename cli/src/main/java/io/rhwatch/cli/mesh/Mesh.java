package io.rhwatch.cli.mesh;

import io.rhwatch.core.Labels;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The whole mesh as separate processes: a KRaft broker, model-sim and the five services, each in its
 * own JVM with its own log. {@link #close()} stops every process it started, their descendants too.
 */
public final class Mesh implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    /** Enough of a health answer to show which check is down and why. */
    private static final int READINESS_ANSWER_CHARS = 800;

    private final MeshOptions options;
    private final Consumer<String> progress;
    private final Ports ports = new Ports();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<MeshService, Integer> httpPorts = new EnumMap<>(MeshService.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaBroker broker;
    private Admin admin;
    private Map<String, List<TopicPartition>> deadLetterPartitions;
    private boolean closed;

    /** Nothing runs until {@link #start()}; register {@link #close()} (e.g. in a shutdown hook) before that. */
    public Mesh(MeshOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Starts the broker, creates the topics, starts every service and waits until each is ready. */
    public void start() {
        checkBuilt();
        // Ports first: a port the user asked for that is taken fails before anything starts.
        int simGrpcPort = ports.preferred(MeshService.MODEL_SIM_GRPC_PORT);
        for (MeshService service : MeshService.values()) {
            int port = service == MeshService.AGGREGATOR && options.aggregatorPort() != null
                    ? ports.required(options.aggregatorPort(), "the aggregator")
                    : ports.preferred(service.defaultHttpPort());
            httpPorts.put(service, port);
        }
        Path logs = logsDir();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + logs, e);
        }

        progress.accept("starting the Kafka broker (KRaft, its own JVM) ...");
        long brokerStart = System.nanoTime();
        KafkaBroker started;
        synchronized (this) {
            if (closed) {
                throw new MeshException("stopped while starting");
            }
            broker = KafkaBroker.launch(runDir().resolve("broker"), logs.resolve(KafkaBroker.NAME + ".log"),
                    options.cliJar(), options.jvmOptions(), ports);
            started = broker;
        }
        started.awaitReady(options.startTimeout());
        synchronized (this) {
            if (closed) {
                throw new MeshException("stopped while starting");
            }
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, started.bootstrapServers()));
        }
        progress.accept("broker ready on " + started.bootstrapServers() + " (" + secondsSince(brokerStart) + ")");
        Topics.create(admin);

        for (MeshService service : MeshService.values()) {
            launch(service, environment(service, simGrpcPort));
        }
        awaitReady();
    }

    private void checkBuilt() {
        List<Path> jars = new ArrayList<>();
        jars.add(options.cliJar());
        for (MeshService service : MeshService.values()) {
            jars.add(service.jar(options.home()));
        }
        List<String> missing = jars.stream().filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> options.home().relativize(jar).toString()).toList();
        if (!missing.isEmpty()) {
            throw new MeshException("not built yet: " + String.join(", ", missing)
                    + "; build first with `mvn -DskipTests install` in " + options.home() + " (./rhwatch up does it for you)");
        }
    }

    private Map<String, String> environment(MeshService service, int simGrpcPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPorts.get(service)));
        switch (service) {
            case MODEL_SIM -> env.put("QUARKUS_GRPC_SERVER_PORT", String.valueOf(simGrpcPort));
            case CORRUPTION -> {
                env.put("RHWATCH_CORRUPTION_MODELS", String.join(",", options.models()));
                env.put("RHWATCH_CORRUPTION_BUDGETS", options.budgets().stream().map(String::valueOf).collect(Collectors.joining(",")));
                env.put("RHWATCH_CORRUPTION_CORRUPTIONS", options.corruptions().stream().map(Labels::of).collect(Collectors.joining(",")));
            }
            case INFERENCE -> {
                env.put("QUARKUS_GRPC_CLIENTS_TRITON_HOST", "localhost");
                env.put("QUARKUS_GRPC_CLIENTS_TRITON_PORT", String.valueOf(simGrpcPort));
                // Readiness waits for exactly the models the corruption service will ask for.
                env.put("RHWATCH_INFERENCE_SERVED_MODELS", String.join(",", options.models()));
            }
            case AGGREGATOR -> {
                env.put("KAFKA_STREAMS_STATE_DIR", runDir().resolve("kstreams").toString());
                env.put("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            }
            default -> {
                // ingestion and judge need only the broker and their port
            }
        }
        return env;
    }

    private void launch(MeshService service, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.jvmOptions());
        command.add("-jar");
        command.add(service.jar(options.home()).toString());
        synchronized (this) {
            if (closed) {
                throw new MeshException("stopped while starting");
            }
            services.add(ServiceProcess.start(service.id(), command, env, runDir(),
                    logsDir().resolve(service.id() + ".log"), httpPorts.get(service)));
        }
    }

    /**
     * Waits until every service answers its readiness check. They start together: model-sim is
     * first, and a service that depends on another (inference on model-sim, which it must find
     * serving every model it checks) reports ready only once that one answers, so the order is
     * settled by their checks, not by starting them one after the other.
     */
    private void awaitReady() {
        List<ServiceProcess> pending = new ArrayList<>(processes(false));
        Map<ServiceProcess, String> lastAnswers = new LinkedHashMap<>();
        progress.accept("waiting for " + pending.stream().map(ServiceProcess::name).collect(Collectors.joining(", "))
                + " to be ready (logs in " + logsDir() + ") ...");
        long start = System.nanoTime();
        long deadline = start + options.startTimeout().toNanos();
        long nextNote = start + TimeUnit.SECONDS.toNanos(20);
        while (!pending.isEmpty()) {
            for (ServiceProcess service : List.copyOf(pending)) {
                checkRunning(service, "while starting");
                HttpResponse<String> answer = readiness(service);
                if (answer != null && answer.statusCode() == 200) {
                    pending.remove(service);
                    progress.accept("ready: " + service.name() + " on http://localhost:" + service.httpPort()
                            + " (" + secondsSince(start) + ")");
                } else if (answer != null) {
                    lastAnswers.put(service, answer.statusCode() + " " + answer.body().replaceAll("\\s+", " ").strip());
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new MeshException("not ready within " + options.startTimeout().toSeconds() + " s: "
                        + pending.stream().map(p -> p.name() + " (its /q/health/ready: "
                                + abbreviate(lastAnswers.getOrDefault(p, "never answered")) + ")").collect(Collectors.joining(", "))
                        + "\n" + tails(pending));
            }
            if (now > nextNote) {
                progress.accept("still waiting for " + pending.stream().map(ServiceProcess::name).collect(Collectors.joining(", "))
                        + " (" + secondsSince(start) + ")");
                nextNote = now + TimeUnit.SECONDS.toNanos(20);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MeshException("interrupted while waiting for the services");
            }
        }
    }

    /** The answer of the service's readiness check, or null while it does not listen yet. */
    private HttpResponse<String> readiness(ServiceProcess service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.httpPort() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while waiting for " + service.name());
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= READINESS_ANSWER_CHARS ? text : text.substring(0, READINESS_ANSWER_CHARS) + " …";
    }

    private synchronized void checkRunning(ServiceProcess process, String when) {
        if (closed) {
            throw new MeshException("stopped " + when);
        }
        if (!process.isAlive()) {
            throw new MeshException(process.name() + " exited with status " + process.exitValue() + " " + when
                    + "; the end of " + process.log() + ":\n" + process.logTail(LOG_TAIL_LINES));
        }
    }

    /**
     * Fails with the exit status and the end of its log when any process of the mesh has exited,
     * so a run never waits on a part that is gone.
     */
    public void checkRunning() {
        for (ServiceProcess process : processes(true)) {
            checkRunning(process, "while running");
        }
    }

    private String tails(List<ServiceProcess> processes) {
        return processes.stream()
                .map(p -> "--- the end of " + p.log() + " ---\n" + p.logTail(LOG_TAIL_LINES))
                .collect(Collectors.joining("\n"));
    }

    /** Records on each dead-letter topic so far (a fresh broker per run: the end offsets are the counts). */
    public Map<String, Long> deadLetterCounts() {
        Admin client;
        synchronized (this) {
            client = admin;
        }
        if (client == null) {
            return Map.of();
        }
        try {
            if (deadLetterPartitions == null) {
                Map<String, TopicDescription> topics = client.describeTopics(Topics.DEAD_LETTERS).allTopicNames().get(5, TimeUnit.SECONDS);
                Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
                for (String topic : Topics.DEAD_LETTERS) {
                    partitions.put(topic, topics.get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList());
                }
                deadLetterPartitions = partitions;
            }
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            deadLetterPartitions.values().forEach(list -> list.forEach(tp -> request.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = client.listOffsets(request).all().get(5, TimeUnit.SECONDS);
            Map<String, Long> counts = new LinkedHashMap<>();
            deadLetterPartitions.forEach((topic, list) -> counts.put(topic,
                    list.stream().mapToLong(tp -> offsets.get(tp).offset()).sum()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while counting dead letters");
        } catch (ExecutionException | TimeoutException e) {
            throw new MeshException("could not count the dead letters: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public URI url(MeshService service) {
        return URI.create("http://localhost:" + httpPorts.get(service));
    }

    public URI aggregatorUrl() {
        return url(MeshService.AGGREGATOR);
    }

    public URI ingestionUrl() {
        return url(MeshService.INGESTION);
    }

    public MeshOptions options() {
        return options;
    }

    public Path runDir() {
        return options.runDir();
    }

    public Path logsDir() {
        return runDir().resolve("logs");
    }

    /** Every process started so far: the services, and the broker when {@code withBroker}. */
    public synchronized List<ServiceProcess> processes(boolean withBroker) {
        List<ServiceProcess> all = new ArrayList<>();
        if (withBroker && broker != null) {
            all.add(broker.process());
        }
        all.addAll(services);
        return all;
    }

    /** Stops the services, then the broker: SIGTERM, a grace period, then SIGKILL, descendants included. Idempotent. */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        Admin client;
        ServiceProcess brokerProcess;
        boolean alreadyClosed;
        synchronized (this) {
            alreadyClosed = closed;
            closed = true;
            toStop = List.copyOf(services);
            client = admin;
            brokerProcess = broker == null ? null : broker.process();
        }
        if (alreadyClosed) {
            awaitStopped();
            return;
        }
        try {
            int count = toStop.size() + (brokerProcess == null ? 0 : 1);
            if (count > 0) {
                progress.accept("stopping " + count + (count == 1 ? " process" : " processes") + " ...");
            }
            toStop.forEach(ServiceProcess::requestStop);
            toStop.forEach(p -> p.awaitStop(STOP_GRACE));
            if (client != null) {
                client.close(Duration.ofSeconds(2));
            }
            if (brokerProcess != null) {
                brokerProcess.requestStop();
                brokerProcess.awaitStop(STOP_GRACE);
            }
        } finally {
            stopped.countDown();
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String secondsSince(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
