package io.rhwatch.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one process of the mesh costs: its CPU time from /proc, its heap after a full collection, and where its CPU
 * went (a JFR recording).
 */
final class ProcessUsage {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final double TICKS_PER_SECOND = clockTicks();
    private static final String RECORDING = "rhwatch-load-test";

    private ProcessUsage() {
    }

    /** User plus system CPU seconds the process has used so far (fields 14 and 15 of /proc/PID/stat). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name (field 2) may hold spaces; the fields after it start at field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of pid " + pid + " from /proc", e);
        }
    }

    /**
     * Heap in use right after a full collection (jcmd GC.run), from the service's own Micrometer gauge: what it holds
     * on to, not its garbage.
     */
    static double liveHeapMb(long pid, URI service) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return metric(service, "jvm_memory_used_bytes", "area=\"heap\"") / (1024 * 1024);
    }

    /**
     * Starts a JFR recording with the JDK's "profile" settings (execution samples every 10 ms), written to
     * {@code file} when {@link #stopRecording} ends it.
     */
    static void startRecording(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile", "filename=" + file.toAbsolutePath());
    }

    static void stopRecording(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + String.join(" ", command) + " failed");
        }
    }

    /** A Prometheus metric of a service, summed over the series whose labels contain {@code labels}. */
    static double metric(URI service, String metric, String labels) {
        String text;
        try {
            text = HTTP.send(HttpRequest.newBuilder(service.resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the metrics of " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // OpenTelemetry may add an exemplar after the value: "… 21.0 # {span_id=…} …"
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.E+-]+)(?: # .*)?$").matcher(text);
        double sum = 0;
        while (lines.find()) {
            if (lines.group(1) == null || lines.group(1).contains(labels)) {
                sum += Double.parseDouble(lines.group(2));
            }
        }
        return sum;
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String ticks = new String(getconf.getInputStream().readAllBytes()).strip();
            return getconf.waitFor() == 0 ? Double.parseDouble(ticks) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100; // Linux's USER_HZ almost everywhere
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
