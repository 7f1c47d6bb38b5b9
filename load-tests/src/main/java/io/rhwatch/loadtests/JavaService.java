package io.rhwatch.loadtests;

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

/** One Quarkus service of the repository, run from its built jar as its own process, with its log in a file. */
final class JavaService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private JavaService(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code jar} with {@code properties} as -D options and {@code env} added to the environment. */
    static JavaService start(String name, Path jar, String maxHeap, Map<String, String> properties, Map<String, String> env, Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: no " + jar + " (load-tests/run builds it unless RHWATCH_SKIP_BUILD=1)");
        }
        int httpPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new JavaService(name, httpPort, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(request("/q/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** A Prometheus metric of the service, summed over the series whose labels contain {@code labels}. */
    double metric(String metric, String labels) {
        return ProcessUsage.metric(uri(), metric, labels);
    }

    /** Heap in use right after a full collection: what the service holds on to, not its garbage. */
    double liveHeapMb() throws IOException, InterruptedException {
        return ProcessUsage.liveHeapMb(process.pid(), uri());
    }

    private URI uri() {
        return URI.create("http://localhost:" + httpPort);
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
