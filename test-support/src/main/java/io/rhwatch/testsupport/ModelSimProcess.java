package io.rhwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real simulator (services/model-sim, its built jar) as a separate process on fixed free ports, so a test can
 * stop it (Triton down) and start it again on the same address. The jar is the system property rhwatch.model-sim.jar,
 * by default where a sibling of services/model-sim finds it.
 */
public final class ModelSimProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Map<String, String> settings;
    private final int grpcPort = freePort();
    private final int httpPort = freePort();
    private final Path log;
    private Process process;

    /** @param settings the simulator's configuration, e.g. rhwatch.sim.capacity.slots=2 */
    public ModelSimProcess(Map<String, String> settings) {
        this.jar = Path.of(System.getProperty("rhwatch.model-sim.jar", "../model-sim/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the simulator is not built: no " + jar.toAbsolutePath()
                    + "; build services/model-sim first (mvn install -pl services/model-sim)");
        }
        this.settings = Map.copyOf(settings);
        try {
            this.log = Files.createTempFile("model-sim-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int grpcPort() {
        return grpcPort;
    }

    public synchronized void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Dquarkus.grpc.server.port=" + grpcPort);
        command.add("-Dquarkus.http.port=" + httpPort);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the simulator", e);
        }
        awaitReady();
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** A metric of the simulator's /q/metrics, summed over the lines whose labels contain {@code labels}. */
    public double metric(String name, String labels) {
        String metrics = get("/q/metrics");
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+)(?: # .*)?$").matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (lines.find()) {
            if (lines.group(1) == null || lines.group(1).contains(labels)) {
                sum += Double.parseDouble(lines.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no metric " + name + " {" + labels + "} in the simulator's metrics:\n" + metrics);
        }
        return sum;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(request("/q/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the simulator was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private String get(String path) {
        try {
            return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
