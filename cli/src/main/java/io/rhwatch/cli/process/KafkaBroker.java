package io.rhwatch.cli.process;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller) in its own JVM, run from
 * the Kafka jars the CLI ships with: {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka}.
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";

    private final ServiceProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ServiceProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the storage under {@code dir} and starts the broker; {@link #awaitReady} waits until it answers.
     * Started through the supervisor, which stops it with the rest.
     *
     * @param classpath       the CLI jar; its manifest's Class-Path brings the Kafka jars in lib/
     * @param maxMessageBytes the largest record batch the broker accepts (a topic may lower it)
     */
    public static KafkaBroker launch(Supervisor supervisor, Path dir, Path log, Path classpath, List<String> jvmOptions,
                                     int brokerPort, int controllerPort, int maxMessageBytes) {
        Path properties = dir.resolve("server.properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(properties, serverProperties(dir.resolve("data"), brokerPort, controllerPort, maxMessageBytes),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + properties, e);
        }

        format(dir, log, classpath, properties);

        List<String> command = java(classpath, jvmOptions, true);
        command.add("kafka.Kafka");
        command.add(properties.toString());
        ServiceProcess process = supervisor.start(new Launch(NAME, command, Map.of(), dir, log, Launch.NO_HTTP));
        return new KafkaBroker(process, "localhost:" + brokerPort);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ServiceProcess process() {
        return process;
    }

    static String serverProperties(Path dataDir, int brokerPort, int controllerPort, int maxMessageBytes) {
        return String.join("\n",
                "# Written by rhwatch up: one node that is both broker and KRaft controller.",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + brokerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "log.dirs=" + dataDir,
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "group.initial.rebalance.delay.ms=0",
                "message.max.bytes=" + maxMessageBytes,
                "replica.fetch.max.bytes=" + maxMessageBytes,
                "");
    }

    private static void format(Path dir, Path log, Path classpath, Path properties) {
        List<String> command = java(classpath, List.of(), false);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", properties.toString()));
        ServiceProcess format = ServiceProcess.start(new Launch("kafka storage format", command, Map.of(), dir, log, Launch.NO_HTTP));
        try {
            if (!format.waitFor(Duration.ofMinutes(2))) {
                format.requestStop();
                format.awaitStop(Duration.ofSeconds(5));
                throw new ProcessException("formatting the Kafka storage did not finish within 2 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while formatting the Kafka storage");
        }
        if (format.exitValue() != 0) {
            throw new ProcessException("formatting the Kafka storage failed (exit status " + format.exitValue() + "); "
                    + "the end of " + log + ":\n" + format.logTail(30));
        }
    }

    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new ProcessException("the Kafka broker exited with status " + process.exitValue()
                            + " while starting; the end of " + process.log() + ":\n" + process.logTail(30));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcessException("interrupted while waiting for the Kafka broker");
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new ProcessException("the Kafka broker did not answer on " + bootstrapServers + " within "
                                + timeout.toSeconds() + " s; the end of " + process.log() + ":\n" + process.logTail(30));
                    }
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while waiting for the Kafka broker");
        }
    }

    private static List<String> java(Path classpath, List<String> jvmOptions, boolean brokerLogging) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // Kafka logs through SLF4J; slf4j-simple writes to stderr, which goes to the log file.
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + (brokerLogging ? "info" : "warn"));
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.logFile=System.out");
        command.add("-cp");
        command.add(classpath.toString());
        return command;
    }
}
