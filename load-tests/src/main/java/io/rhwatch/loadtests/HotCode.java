package io.rhwatch.loadtests;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a JVM's CPU went, from the execution samples of a JFR recording: the methods on top of the stack (self
 * time), and the libraries whose code ran, each sample charged to its innermost frame outside the JDK (a HashMap
 * lookup inside Kafka's client counts for Kafka).
 */
record HotCode(int samples, List<Share> methods, List<Share> libraries) {

    /** A method or a library, and its share of the samples. */
    record Share(String name, double share) {
        @Override
        public String toString() {
            return name + " " + Math.round(share * 1000) / 10.0 + "%";
        }
    }

    /** Library names by package prefix, the first match wins; what none names is "other". */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("io.rhwatch.", "rhwatch"),
            Map.entry("org.apache.kafka.streams.", "kafka-streams"),
            Map.entry("org.apache.kafka.", "kafka"),
            Map.entry("kafka.", "kafka"),
            Map.entry("com.yammer.metrics.", "yammer-metrics"),
            Map.entry("scala.", "scala"),
            Map.entry("org.rocksdb.", "rocksdb"),
            Map.entry("com.google.protobuf.", "protobuf"),
            Map.entry("com.github.luben.zstd.", "zstd"),
            Map.entry("io.grpc.", "grpc"),
            Map.entry("io.netty.", "netty"),
            Map.entry("io.vertx.", "vertx"),
            Map.entry("io.smallrye.reactive.messaging.", "smallrye-messaging"),
            Map.entry("io.smallrye.mutiny.", "mutiny"),
            Map.entry("io.smallrye.faulttolerance.", "smallrye-fault-tolerance"),
            Map.entry("io.micrometer.", "micrometer"),
            Map.entry("io.opentelemetry.", "opentelemetry"),
            Map.entry("com.fasterxml.jackson.", "jackson"),
            Map.entry("org.jboss.resteasy.", "resteasy"),
            Map.entry("io.quarkus.", "quarkus"),
            Map.entry("org.jboss.logging.", "logging"),
            Map.entry("org.jboss.logmanager.", "logging"));

    static HotCode of(Path recording, int top) throws IOException {
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            RecordedStackTrace stack = event.getStackTrace();
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            methods.merge(name(frames.get(0)), 1, Integer::sum);
            libraries.merge(library(frames), 1, Integer::sum);
        }
        return new HotCode(samples, largest(methods, samples, top), largest(libraries, samples, top));
    }

    /** The library of the innermost frame outside the JDK; "jdk" when the whole stack is the JDK's (GC helpers, I/O threads). */
    static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!isJdk(type)) {
                return LIBRARIES.stream().filter(prefix -> type.startsWith(prefix.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse("other");
            }
        }
        return "jdk";
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.");
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Share> largest(Map<String, Integer> counts, int samples, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> new Share(e.getKey(), (double) e.getValue() / samples))
                .collect(Collectors.toList());
    }
}
