package io.rhwatch.cli.mesh;

import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.process.KafkaBroker;
import io.rhwatch.cli.process.ServiceProcess;
import io.rhwatch.cli.process.Supervisor;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The whole mesh as separate processes: a KRaft broker, model-sim and the five services, each in its
 * own JVM with its own log, or the services alone against a running broker ({@link MeshOptions#kafka()}).
 * Every Kafka client of the mesh, its own and the services', uses that broker's security settings. The {@link LaunchPlan} says what runs with which configuration; the
 * {@link Supervisor} starts, watches and stops it. {@link #close()} stops every process it started,
 * their descendants too, the broker last.
 */
public final class Mesh implements AutoCloseable {

    private final MeshOptions options;
    private final Consumer<String> progress;
    private final Supervisor supervisor;
    private final Ports ports = new Ports();
    /** Instances started beyond the first, per service. */
    private final Map<MeshService, Integer> instances = new EnumMap<>(MeshService.class);
    private LaunchPlan plan;
    private KafkaBroker broker;
    private KafkaConnection kafka;
    private Admin admin;
    private DeadLetterCounter deadLetters;
    private List<ServiceProcess> services = List.of();

    /** Nothing runs until {@link #start()}; register {@link #close()} (e.g. in a shutdown hook) before that. */
    public Mesh(MeshOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.supervisor = new Supervisor(progress);
    }

    /** Starts the broker (unless one is given), creates the topics, starts every service and waits until each is ready. */
    public void start() {
        checkBuilt();
        LaunchPlan chosen = LaunchPlan.choosePorts(options, ports);
        Path logs = logsDir();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + logs, e);
        }

        synchronized (this) {
            plan = chosen;
        }
        KafkaConnection connection = options.kafka() == null ? startBroker(logs, ports) : options.kafka();
        Admin client;
        synchronized (this) {
            if (supervisor.isClosed()) {
                throw new MeshException("stopped while starting");
            }
            kafka = connection;
            admin = Admin.create(connection.clientConfig(Map.of()));
            deadLetters = new DeadLetterCounter(admin);
            client = admin;
        }
        createTopics(client, options.topicLayout());

        List<ServiceProcess> launched = supervisor.startAll(chosen.services(connection));
        synchronized (this) {
            services = launched;
        }
        // They start together: a service that depends on another (inference on model-sim, which it must find serving
        // every model it checks) reports ready only once that one answers, so their checks settle the order.
        supervisor.awaitReady(launched, options.startTimeout(), logs.toString());
    }

    private KafkaConnection startBroker(Path logs, Ports ports) {
        progress.accept("starting the Kafka broker (KRaft, its own JVM) ...");
        long brokerStart = System.nanoTime();
        KafkaBroker started = KafkaBroker.launch(supervisor, runDir().resolve("broker"), logs.resolve(KafkaBroker.NAME + ".log"),
                options.cliJar(), options.childJvmOptions(), ports.any(), ports.any(), MeshPlan.MAX_MESSAGE_BYTES);
        synchronized (this) {
            broker = started;
        }
        started.awaitReady(options.startTimeout());
        progress.accept("broker ready on " + started.bootstrapServers() + " (" + Supervisor.secondsSince(brokerStart) + ")");
        return KafkaConnection.plaintext(started.bootstrapServers());
    }

    private void checkBuilt() {
        List<Path> jars = new ArrayList<>();
        jars.add(options.cliJar());
        jars.add(options.launcherWatchAgent());
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

    private static void createTopics(Admin admin, Platform layout) {
        try {
            admin.createTopics(LaunchPlan.topics(layout)).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while creating the topics");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MeshException("could not create the topics: " + cause.getMessage(), cause);
        }
    }

    /**
     * Starts one more instance of {@code service} (one that {@link MeshService#scalesOut()}), on a free port of its own
     * and with the same configuration, so it joins the same consumer group; waits until it is ready. The topics need
     * more partitions than instances for each to own some ({@link MeshOptions#withTopicLayout}). Named
     * {@code judge-2}, {@code judge-3}, ...; supervised like the others until {@link #stopInstance stopped}.
     */
    public ServiceProcess startInstance(MeshService service) {
        if (!service.scalesOut()) {
            throw new MeshException(service.id() + " does not run as several instances");
        }
        ServiceProcess started;
        synchronized (this) {
            if (plan == null || kafka == null) {
                throw new MeshException("the mesh is not started");
            }
            int number = instances.merge(service, 1, Integer::sum) + 1;
            String name = service.id() + "-" + number;
            started = supervisor.start(plan.instance(service, name, ports.any(), kafka));
            List<ServiceProcess> all = new ArrayList<>(services);
            all.add(started);
            services = List.copyOf(all);
        }
        supervisor.awaitReady(List.of(started), options.startTimeout(), logsDir().toString());
        return started;
    }

    /**
     * Stops one process of the mesh for good, never restarted: {@code crash} false = SIGTERM and a grace period (the
     * service leaves its consumer group), true = SIGKILL (it crashes; its group notices at the session timeout).
     */
    public void stopInstance(ServiceProcess process, boolean crash) {
        supervisor.retire(process, crash);
    }

    /**
     * Fails when a process of the mesh crash-looped, with its exit status and the end of its log; one
     * that exited now and then is restarted by the supervisor and is no failure.
     */
    public void checkRunning() {
        supervisor.checkRunning();
    }

    /** How often each process was restarted after it exited, in start order (the broker first when it runs here). */
    public List<Supervisor.Restarts> restarts() {
        return supervisor.restarts();
    }

    /** Records on each dead-letter topic so far; empty before the broker is ready. */
    public Map<String, Long> deadLetterCounts() {
        DeadLetterCounter counter;
        synchronized (this) {
            counter = deadLetters;
        }
        return counter == null ? Map.of() : counter.counts();
    }

    public synchronized String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker the mesh runs on, with the security settings its clients need. */
    public synchronized KafkaConnection kafka() {
        return kafka;
    }

    public synchronized URI url(MeshService service) {
        return URI.create("http://localhost:" + plan.httpPort(service));
    }

    /** The simulator's KServe v2 gRPC port, for benchmarks that call it directly. */
    public synchronized int simGrpcPort() {
        return plan.simGrpcPort();
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
        return logsDir(runDir());
    }

    static Path logsDir(Path runDir) {
        return runDir.resolve("logs");
    }

    /** Where datasets to import go: the only directory the ingestion service reads (not the logs, not broker data). */
    public Path importRoot() {
        return importRoot(runDir());
    }

    public static Path importRoot(Path runDir) {
        return runDir.resolve("datasets");
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
        Admin client;
        synchronized (this) {
            client = admin;
            admin = null;
        }
        if (client != null) {
            client.close(Duration.ofSeconds(2));
        }
        supervisor.close();
    }

    public boolean isClosed() {
        return supervisor.isClosed();
    }
}
