package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.core.mesh.Platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Where docker-compose.yml disagrees with the services' code; each check lists its problems, none when all is well. */
final class ComposeChecks {

    static final String DOCKERFILE = "src/main/docker/Dockerfile.jvm";

    private final JsonNode services;
    private final List<ServiceModule> modules;

    ComposeChecks(JsonNode compose, List<ServiceModule> modules) {
        this.services = compose.path("services");
        this.modules = modules;
    }

    List<String> everyModuleIsBuiltAsAService() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modules) {
            JsonNode service = services.get(module.name());
            if (service == null) {
                problems.add("docker-compose.yml has no service " + module.name() + " for " + module.path());
                continue;
            }
            String context = Optional.ofNullable(Yaml.text(service, "build", "context")).orElse("")
                    .replaceFirst("^\\./", "").replaceFirst("/$", "");
            if (!context.equals(module.path())) {
                problems.add("compose service " + module.name() + " builds from '" + context + "', not " + module.path());
            }
            if (!DOCKERFILE.equals(Yaml.text(service, "build", "dockerfile"))) {
                problems.add("compose service " + module.name() + " is not built from " + DOCKERFILE);
            }
        }
        return problems;
    }

    List<String> portsAreTheServicesPorts() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithService()) {
            JsonNode service = services.get(module.name());
            Set<Integer> published = containerPorts(service.path("ports"));
            if (!published.equals(module.listeningPorts())) {
                problems.add("compose service " + module.name() + " publishes container ports " + published + " but "
                        + module.path() + " listens on " + module.listeningPorts() + " (quarkus.http.port, quarkus.grpc.server.port)");
            }
            String health = "localhost:" + module.httpPort() + "/q/health/ready";
            if (!joined(service.path("healthcheck").path("test")).contains(health)) {
                problems.add("compose service " + module.name() + " has no healthcheck on " + health);
            }
        }
        return problems;
    }

    List<String> environmentReachesTheServices() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithService()) {
            problems.addAll(Environment.problems("compose service " + module.name(), module,
                    environment(services.get(module.name())).keySet()));
        }
        return problems;
    }

    List<String> kafkaServicesReachTheBrokerAfterTheTopics() {
        List<String> problems = new ArrayList<>();
        Optional<Map.Entry<String, JsonNode>> broker = serviceWithEnvironment("KAFKA_ADVERTISED_LISTENERS");
        Optional<String> topicInit = topicInitName();
        if (broker.isEmpty()) {
            return List.of("docker-compose.yml has no broker (a service setting KAFKA_ADVERTISED_LISTENERS)");
        }
        Map<String, String> brokerEnvironment = environment(broker.get().getValue());
        Set<String> advertised = Arrays.stream(brokerEnvironment.get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .map(listener -> listener.replaceFirst("^[A-Za-z_]+://", "")).collect(Collectors.toSet());
        for (ServiceModule module : modulesWithService()) {
            if (!module.usesKafka()) {
                continue;
            }
            JsonNode service = services.get(module.name());
            Map<String, String> environment = environment(service);
            if (!environment.containsKey(Environment.KAFKA_BOOTSTRAP_SERVERS)) {
                problems.add("compose service " + module.name() + " uses Kafka but sets no KAFKA_BOOTSTRAP_SERVERS");
            }
            environment.forEach((variable, bootstrap) -> {
                if (variable.endsWith("BOOTSTRAP_SERVERS") && !advertised.containsAll(Arrays.asList(bootstrap.split(",")))) {
                    problems.add("compose service " + module.name() + " has " + variable + "=" + bootstrap
                            + ", not an address the broker advertises " + advertised);
                }
            });
            if (topicInit.isPresent() && !"service_completed_successfully".equals(dependsOn(service).get(topicInit.get()))) {
                problems.add("compose service " + module.name() + " uses Kafka but does not wait for " + topicInit.get()
                        + " (depends_on with condition service_completed_successfully)");
            }
        }
        long largest = largestRecordBytes();
        String messageMaxBytes = brokerEnvironment.get("KAFKA_MESSAGE_MAX_BYTES");
        if (messageMaxBytes == null || Long.parseLong(messageMaxBytes) < largest) {
            problems.add("the broker's KAFKA_MESSAGE_MAX_BYTES (" + messageMaxBytes + ") is below the largest record a service sends ("
                    + largest + " bytes, max.request.size)");
        }
        return problems;
    }

    List<String> topicInitFollowsTheMeshPlan() {
        Optional<String> topicInit = topicInitName();
        if (topicInit.isEmpty()) {
            return List.of("docker-compose.yml has no topic-init service (a command running kafka-topics.sh --create)");
        }
        return MeshPlanChecks.topicsFollowThePlan("compose service " + topicInit.get(),
                TopicInitScript.topics(script(services.get(topicInit.get()))), Platform.COMPOSE, TopicReplication.PLAN);
    }

    List<String> probeSettingsFollowTheMeshPlan() {
        return MeshPlanChecks.probeSettingsFollowThePlan("docker-compose.yml",
                environment(services.path("corruption")), environment(services.path("inference")));
    }

    List<String> modelServerIsWired() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithService()) {
            JsonNode service = services.get(module.name());
            Map<String, String> environment = environment(service);
            environment.forEach((variable, host) -> {
                if (!variable.startsWith("QUARKUS_GRPC_CLIENTS_") || !variable.endsWith("_HOST")) {
                    return;
                }
                String port = environment.get(variable.replaceFirst("_HOST$", "_PORT"));
                JsonNode server = services.get(host);
                if (server == null) {
                    problems.add("compose service " + module.name() + " calls gRPC host " + host + ", which is no compose service");
                    return;
                }
                if (!dependsOn(service).containsKey(host)) {
                    problems.add("compose service " + module.name() + " calls " + host + " but does not depend on it");
                }
                modules.stream().filter(target -> target.name().equals(host)).findFirst().ifPresent(target -> {
                    if (port == null || target.grpcServerPort().isEmpty()
                            || target.grpcServerPort().getAsInt() != Integer.parseInt(port)) {
                        problems.add("compose service " + module.name() + " calls " + host + " on port " + port + " but "
                                + target.path() + " serves gRPC on " + target.grpcServerPort());
                    }
                });
            });
        }
        return problems;
    }

    private long largestRecordBytes() {
        return modules.stream().mapToLong(ServiceModule::largestRecordBytes).max().orElse(0);
    }

    private List<ServiceModule> modulesWithService() {
        return modules.stream().filter(module -> services.has(module.name())).toList();
    }

    private Optional<String> topicInitName() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(name -> TopicInitScript.createsTopics(script(services.get(name)))).findFirst();
    }

    private Optional<Map.Entry<String, JsonNode>> serviceWithEnvironment(String variable) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        services.fields().forEachRemaining(all::add);
        return all.stream().filter(entry -> environment(entry.getValue()).containsKey(variable)).findFirst();
    }

    private static String script(JsonNode service) {
        return joined(service.path("entrypoint")) + "\n" + joined(service.path("command"));
    }

    /** A string or a list of strings, as one text. */
    private static String joined(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(part -> parts.add(part.asText()));
            return String.join(" ", parts);
        }
        return node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    /** environment: as a map, or as a list of NAME=value. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(entry -> {
                String[] parts = entry.asText().split("=", 2);
                environment.put(parts[0], parts.length > 1 ? parts[1] : null);
            });
        } else {
            node.fields().forEachRemaining(field -> environment.put(field.getKey(), field.getValue().asText()));
        }
        return environment;
    }

    /** depends_on: as a list of names (condition service_started), or as a map of name to condition. */
    private static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode node = service.path("depends_on");
        if (node.isArray()) {
            node.forEach(name -> conditions.put(name.asText(), "service_started"));
        } else {
            node.fields().forEachRemaining(field ->
                    conditions.put(field.getKey(), Optional.ofNullable(Yaml.text(field.getValue(), "condition")).orElse("service_started")));
        }
        return conditions;
    }

    /** The container side of each ports entry: "8080", "8080:8080", "127.0.0.1:8080:8080/tcp" or {target: 8080}. */
    private static Set<Integer> containerPorts(JsonNode ports) {
        Set<Integer> containerPorts = new TreeSet<>();
        ports.forEach(entry -> {
            String port = entry.isObject() ? entry.path("target").asText() : entry.asText();
            port = port.replaceFirst("/(tcp|udp)$", "");
            containerPorts.add(Integer.parseInt(port.substring(port.lastIndexOf(':') + 1)));
        });
        return containerPorts;
    }
}
