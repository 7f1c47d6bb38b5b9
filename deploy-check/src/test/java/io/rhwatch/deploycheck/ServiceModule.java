package io.rhwatch.deploycheck;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's code says about how it must be deployed: its application.properties and the topic
 * names its Java sources spell out (the aggregator names its output topics in code, not in properties).
 */
record ServiceModule(String name, Path dir, Map<String, String> properties, Set<String> topicsInCode) {

    /** Kafka's default max.request.size, for a service that sets none. */
    private static final long KAFKA_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    private static final Pattern TOPIC_LITERAL = Pattern.compile("\"(rh\\.[a-z0-9][a-z0-9._-]*)\"");
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.topic");
    private static final Pattern TOPIC_PROPERTY =
            Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.[^.]+\\.(topic|topics|dead-letter-queue\\.topic)");

    static ServiceModule load(Path dir) {
        Path file = dir.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("services/" + dir.getFileName() + " has no src/main/resources/application.properties");
        }
        Properties loaded = new Properties();
        try {
            loaded.load(new StringReader(Repository.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
        Map<String, String> properties = new HashMap<>();
        loaded.stringPropertyNames().forEach(key -> properties.put(key, loaded.getProperty(key).trim()));
        return new ServiceModule(dir.getFileName().toString(), dir, Map.copyOf(properties), topicLiterals(dir.resolve("src/main/java")));
    }

    private static Set<String> topicLiterals(Path sources) {
        Set<String> topics = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return topics;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher literal = TOPIC_LITERAL.matcher(Repository.read(file));
                while (literal.find()) {
                    topics.add(literal.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    String path() {
        return "services/" + name;
    }

    int httpPort() {
        return port("quarkus.http.port").orElseThrow(() -> new IllegalStateException(path()
                + "/src/main/resources/application.properties sets no quarkus.http.port (docs/ARCHITECTURE.md pins every service's port)"));
    }

    OptionalInt grpcServerPort() {
        return port("quarkus.grpc.server.port");
    }

    /** The ports the process listens on: HTTP, and gRPC when the service runs a gRPC server. */
    Set<Integer> listeningPorts() {
        Set<Integer> ports = new TreeSet<>();
        ports.add(httpPort());
        grpcServerPort().ifPresent(ports::add);
        return ports;
    }

    boolean usesKafka() {
        return properties.entrySet().stream().anyMatch(entry ->
                entry.getKey().startsWith("quarkus.kafka-streams.")
                        || entry.getKey().startsWith("mp.messaging.") && entry.getKey().endsWith(".connector")
                        && entry.getValue().equals("smallrye-kafka"));
    }

    /** Every topic the service reads or writes: in its messaging and Kafka Streams settings, and in its code. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>(topicsInCode);
        properties.forEach((key, value) -> {
            if (TOPIC_PROPERTY.matcher(key).matches() || key.equals("quarkus.kafka-streams.topics")) {
                Arrays.stream(value.split(",")).map(String::trim).filter(topic -> !topic.isEmpty()).forEach(topics::add);
            }
        });
        return topics;
    }

    /** Its consumer groups by input topic: mp.messaging.incoming.<channel>.topic and .group.id. */
    Map<String, String> consumerGroups() {
        Map<String, String> groups = new TreeMap<>();
        properties.forEach((key, value) -> {
            Matcher incoming = INCOMING_TOPIC.matcher(key);
            if (incoming.matches() && properties.containsKey("mp.messaging.incoming." + incoming.group(1) + ".group.id")) {
                groups.put(value, properties.get("mp.messaging.incoming." + incoming.group(1) + ".group.id"));
            }
        });
        return groups;
    }

    /** The largest record any of its producers may send (max.request.size), which the broker must accept. */
    long largestRecordBytes() {
        return properties.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(".max.request.size"))
                .mapToLong(entry -> Long.parseLong(entry.getValue()))
                .max().orElse(KAFKA_DEFAULT_MAX_REQUEST_SIZE);
    }

    /** The same module with one property changed, as if its code had moved on without the manifests. */
    ServiceModule withProperty(String key, String value) {
        Map<String, String> changed = new HashMap<>(properties);
        changed.put(key, value);
        return new ServiceModule(name, dir, Map.copyOf(changed), topicsInCode);
    }

    private OptionalInt port(String key) {
        String value = properties.get(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value));
    }
}
