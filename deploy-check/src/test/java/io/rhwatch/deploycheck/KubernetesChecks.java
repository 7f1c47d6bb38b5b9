package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Where rendered Kubernetes manifests disagree with the services' code; each check lists its problems. */
final class KubernetesChecks {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");

    private final List<JsonNode> documents;
    private final List<ServiceModule> modules;

    KubernetesChecks(List<JsonNode> documents, List<ServiceModule> modules) {
        this.documents = documents;
        this.modules = modules;
    }

    List<String> everyModuleIsAWorkload() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modules) {
            Optional<JsonNode> workload = workload(module.name());
            if (workload.isEmpty()) {
                problems.add("no Deployment or StatefulSet " + module.name() + " for " + module.path());
                continue;
            }
            String image = Optional.ofNullable(Yaml.text(container(workload.get(), module.name()), "image")).orElse("");
            if (!image.startsWith("rhwatch/" + module.name() + ":")) {
                problems.add(module.name() + " runs image '" + image + "', not rhwatch/" + module.name() + ":<tag>");
            }
        }
        return problems;
    }

    List<String> portsAreTheServicesPorts() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            JsonNode workload = workload(module.name()).orElseThrow();
            JsonNode container = container(workload, module.name());
            Set<Integer> declared = new TreeSet<>();
            container.path("ports").forEach(port -> declared.add(port.path("containerPort").asInt()));
            if (!declared.equals(module.listeningPorts())) {
                problems.add(module.name() + " declares container ports " + declared + " but " + module.path()
                        + " listens on " + module.listeningPorts() + " (quarkus.http.port, quarkus.grpc.server.port)");
            }
            OptionalInt http = portNamed(container, "http");
            if (http.isEmpty() || http.getAsInt() != module.httpPort()) {
                problems.add(module.name() + "'s port named http is " + http + ", not quarkus.http.port " + module.httpPort());
            }
            Map<String, String> annotations = Yaml.texts(workload.path("spec").path("template").path("metadata").path("annotations"));
            if (!"true".equals(annotations.get("prometheus.io/scrape")) || !"/q/metrics".equals(annotations.get("prometheus.io/path"))
                    || !String.valueOf(module.httpPort()).equals(annotations.get("prometheus.io/port"))) {
                problems.add(module.name() + "'s pods are not annotated for Prometheus on " + module.httpPort() + "/q/metrics: " + annotations);
            }
            Optional<JsonNode> service = find("Service", module.name());
            if (service.isEmpty()) {
                problems.add("no Service " + module.name() + " in front of its pods");
            } else {
                if (!selects(service.get(), workload)) {
                    problems.add("Service " + module.name() + " does not select the pods of " + module.name());
                }
                boolean reachesHttp = false;
                for (JsonNode port : service.get().path("spec").path("ports")) {
                    reachesHttp |= targetPort(port, container).equals(OptionalInt.of(module.httpPort()));
                }
                if (!reachesHttp) {
                    problems.add("Service " + module.name() + " has no port reaching container port " + module.httpPort());
                }
            }
        }
        return problems;
    }

    List<String> probesUseTheHealthEndpoints() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            JsonNode container = container(workload(module.name()).orElseThrow(), module.name());
            Map<String, String> expected = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");
            expected.forEach((probe, path) -> {
                JsonNode httpGet = container.path(probe).path("httpGet");
                OptionalInt port = resolvePort(httpGet.path("port"), container);
                if (!path.equals(Yaml.text(httpGet, "path")) || !port.equals(OptionalInt.of(module.httpPort()))) {
                    problems.add(module.name() + "'s " + probe + " is not an HTTP GET of " + path + " on port " + module.httpPort());
                }
            });
        }
        return problems;
    }

    List<String> everyContainerHasRequestsAndLimits() {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : documents) {
            if (!WORKLOAD_KINDS.contains(document.path("kind").asText()) && !"Job".equals(document.path("kind").asText())) {
                continue;
            }
            for (JsonNode container : podSpec(document).path("containers")) {
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (!container.path("resources").path(bound).has(resource)) {
                            problems.add(name(document) + "/" + container.path("name").asText() + " sets no " + resource + " " + bound);
                        }
                    }
                }
            }
        }
        return problems;
    }

    List<String> environmentReachesTheServices() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            JsonNode workload = workload(module.name()).orElseThrow();
            Map<String, String> environment = new LinkedHashMap<>();
            problems.addAll(resolveEnvironment(workload, container(workload, module.name()), environment));
            problems.addAll(Environment.problems(kind(workload) + " " + module.name(), module, environment.keySet()));
        }
        return problems;
    }

    List<String> kafkaServicesReachTheBroker() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            if (!module.usesKafka()) {
                continue;
            }
            JsonNode workload = workload(module.name()).orElseThrow();
            Map<String, String> environment = new LinkedHashMap<>();
            resolveEnvironment(workload, container(workload, module.name()), environment);
            if (!environment.containsKey(Environment.KAFKA_BOOTSTRAP_SERVERS)) {
                problems.add(module.name() + " uses Kafka but gets no KAFKA_BOOTSTRAP_SERVERS");
            }
            environment.forEach((variable, bootstrap) -> {
                if (variable.endsWith("BOOTSTRAP_SERVERS")) {
                    for (String address : String.valueOf(bootstrap).split(",")) {
                        problems.addAll(serviceReaches(module.name() + "'s " + variable, address.trim()));
                    }
                }
            });
        }
        long largest = modules.stream().mapToLong(ServiceModule::largestRecordBytes).max().orElse(0);
        for (JsonNode document : documents) {
            if (!WORKLOAD_KINDS.contains(kind(document))) {
                continue;
            }
            for (JsonNode container : podSpec(document).path("containers")) {
                Map<String, String> environment = new LinkedHashMap<>();
                resolveEnvironment(document, container, environment);
                String messageMaxBytes = environment.get("KAFKA_MESSAGE_MAX_BYTES");
                if (environment.containsKey("KAFKA_ADVERTISED_LISTENERS")
                        && (messageMaxBytes == null || Long.parseLong(messageMaxBytes) < largest)) {
                    problems.add("broker " + name(document) + " has KAFKA_MESSAGE_MAX_BYTES " + messageMaxBytes
                            + ", below the largest record a service sends (" + largest + " bytes)");
                }
            }
        }
        return problems;
    }

    /** For overlays that bring a broker: a Job creates every topic. */
    List<String> topicsJobCreatesEveryTopic() {
        for (JsonNode document : documents) {
            if (!"Job".equals(kind(document))) {
                continue;
            }
            for (JsonNode container : podSpec(document).path("containers")) {
                String script = joined(container.path("command")) + "\n" + joined(container.path("args"));
                if (TopicScript.createsTopics(script)) {
                    return ComposeChecks.topicProblems("Job " + name(document), new TopicScript(script), modules);
                }
            }
        }
        return List.of("no Job creates the topics (a container running kafka-topics.sh --create)");
    }

    /** Each gRPC client (QUARKUS_GRPC_CLIENTS_<name>_HOST/_PORT) reaches a Service whose pods serve that port. */
    List<String> modelServerIsWired() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            JsonNode workload = workload(module.name()).orElseThrow();
            Map<String, String> environment = new LinkedHashMap<>();
            resolveEnvironment(workload, container(workload, module.name()), environment);
            environment.forEach((variable, host) -> {
                if (variable.startsWith("QUARKUS_GRPC_CLIENTS_") && variable.endsWith("_HOST")) {
                    String port = environment.get(variable.replaceFirst("_HOST$", "_PORT"));
                    problems.addAll(serviceReaches(module.name() + "'s " + variable, host + ":" + port));
                }
            });
        }
        return problems;
    }

    List<String> stateDirectoriesAreVolumes() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            JsonNode workload = workload(module.name()).orElseThrow();
            JsonNode container = container(workload, module.name());
            Map<String, String> environment = new LinkedHashMap<>();
            resolveEnvironment(workload, container, environment);
            String stateDir = environment.get("KAFKA_STREAMS_STATE_DIR");
            if (stateDir == null) {
                continue;
            }
            boolean mounted = false;
            for (JsonNode mount : container.path("volumeMounts")) {
                mounted |= stateDir.equals(mount.path("mountPath").asText());
            }
            if (!mounted) {
                problems.add(module.name() + "'s KAFKA_STREAMS_STATE_DIR " + stateDir + " is not a mounted volume");
            }
        }
        return problems;
    }

    /** host:port reaches a Service of that name and port whose pods (selected by it) listen on its target port. */
    private List<String> serviceReaches(String what, String address) {
        String[] hostAndPort = address.split(":", 2);
        String serviceName = hostAndPort[0].split("\\.")[0];
        Optional<JsonNode> service = find("Service", serviceName);
        if (service.isEmpty()) {
            return List.of(what + " is " + address + " but there is no Service " + serviceName);
        }
        JsonNode servicePort = null;
        for (JsonNode port : service.get().path("spec").path("ports")) {
            if (hostAndPort.length == 2 && port.path("port").asText().equals(hostAndPort[1])) {
                servicePort = port;
            }
        }
        if (servicePort == null) {
            return List.of(what + " is " + address + " but Service " + serviceName + " has no such port");
        }
        for (JsonNode document : documents) {
            if (WORKLOAD_KINDS.contains(kind(document)) && selects(service.get(), document)) {
                for (JsonNode container : podSpec(document).path("containers")) {
                    OptionalInt target = targetPort(servicePort, container);
                    if (target.isPresent() && declaresPort(container, target.getAsInt())) {
                        return List.of();
                    }
                }
            }
        }
        return List.of(what + " is " + address + " but Service " + serviceName + " selects no pods listening on its target port");
    }

    /** Fills environment with the container's variables (envFrom ConfigMaps, then env); returns unresolvable references. */
    private List<String> resolveEnvironment(JsonNode workload, JsonNode container, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (JsonNode source : container.path("envFrom")) {
            String configMap = Yaml.text(source, "configMapRef", "name");
            Optional<JsonNode> data = find("ConfigMap", configMap);
            if (configMap == null || data.isEmpty()) {
                problems.add(name(workload) + " takes its environment from missing ConfigMap " + configMap);
                continue;
            }
            environment.putAll(Yaml.texts(data.get().path("data")));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode reference = variable.path("valueFrom").path("configMapKeyRef");
            if (reference.isMissingNode()) {
                environment.put(name, Yaml.text(variable, "value"));
                continue;
            }
            String value = find("ConfigMap", Yaml.text(reference, "name"))
                    .map(configMap -> Yaml.text(configMap, "data", reference.path("key").asText())).orElse(null);
            if (value == null) {
                problems.add(name(workload) + "'s " + name + " refers to missing key " + reference.path("key").asText()
                        + " of ConfigMap " + Yaml.text(reference, "name"));
            }
            environment.put(name, value);
        }
        return problems;
    }

    private List<ServiceModule> modulesWithWorkload() {
        return modules.stream().filter(module -> workload(module.name()).isPresent()).toList();
    }

    private Optional<JsonNode> workload(String name) {
        return documents.stream().filter(document -> WORKLOAD_KINDS.contains(kind(document)) && name.equals(name(document))).findFirst();
    }

    private Optional<JsonNode> find(String kind, String name) {
        return documents.stream().filter(document -> kind.equals(kind(document)) && name != null && name.equals(name(document))).findFirst();
    }

    /** The container named after the module, else the pod's first. */
    private static JsonNode container(JsonNode workload, String name) {
        JsonNode containers = podSpec(workload).path("containers");
        for (JsonNode container : containers) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        return containers.path(0);
    }

    private static boolean selects(JsonNode service, JsonNode workload) {
        Map<String, String> selector = Yaml.texts(service.path("spec").path("selector"));
        Map<String, String> labels = Yaml.texts(workload.path("spec").path("template").path("metadata").path("labels"));
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A Service port's target on this container: a number, a port name, or (absent) the Service port itself. */
    private static OptionalInt targetPort(JsonNode servicePort, JsonNode container) {
        JsonNode target = servicePort.path("targetPort");
        return resolvePort(target.isMissingNode() ? servicePort.path("port") : target, container);
    }

    private static OptionalInt resolvePort(JsonNode port, JsonNode container) {
        if (port.isMissingNode() || port.isNull()) {
            return OptionalInt.empty();
        }
        if (port.isInt()) {
            return OptionalInt.of(port.asInt());
        }
        return port.asText().matches("\\d+") ? OptionalInt.of(Integer.parseInt(port.asText())) : portNamed(container, port.asText());
    }

    private static OptionalInt portNamed(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return OptionalInt.of(port.path("containerPort").asInt());
            }
        }
        return OptionalInt.empty();
    }

    private static boolean declaresPort(JsonNode container, int number) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("containerPort").asInt() == number) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    private static String kind(JsonNode document) {
        return document.path("kind").asText();
    }

    private static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    private static String joined(JsonNode node) {
        List<String> parts = new ArrayList<>();
        node.forEach(part -> parts.add(part.asText()));
        return String.join(" ", parts);
    }
}
