package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Where rendered Kubernetes manifests disagree with the services' code; each check lists its problems. */
final class KubernetesChecks {

    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");
    /** Strimzi names a cluster's bootstrap Service <cluster>-kafka-bootstrap. */
    private static final String STRIMZI_BOOTSTRAP = "-kafka-bootstrap";
    private static final String MIN_IN_SYNC_REPLICAS = "min.insync.replicas";

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
            // rhwatch/<module>:<tag>, or the same under a registry, by tag or digest.
            if (!image.matches("([^/]+/)*rhwatch/" + java.util.regex.Pattern.quote(module.name()) + "[:@].+")) {
                problems.add(module.name() + " runs image '" + image + "', not [registry/]rhwatch/" + module.name() + ":<tag>");
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

    /**
     * Every Kafka service reaches a broker (a Service, or the bootstrap Service Strimzi makes for a Kafka cluster),
     * authenticates as a KafkaUser of that cluster when its listener asks for it, and the broker accepts the
     * largest record a service sends.
     */
    List<String> kafkaServicesReachTheBroker() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            if (!module.usesKafka()) {
                continue;
            }
            JsonNode workload = workload(module.name()).orElseThrow();
            JsonNode container = container(workload, module.name());
            Map<String, String> environment = new LinkedHashMap<>();
            resolveEnvironment(workload, container, environment);
            if (!environment.containsKey(Environment.KAFKA_BOOTSTRAP_SERVERS)) {
                problems.add(module.name() + " uses Kafka but gets no KAFKA_BOOTSTRAP_SERVERS");
            }
            environment.forEach((variable, bootstrap) -> {
                if (variable.endsWith("BOOTSTRAP_SERVERS")) {
                    for (String address : String.valueOf(bootstrap).split(",")) {
                        problems.addAll(brokerReaches(module.name() + "'s " + variable, address.trim()));
                        problems.addAll(credentials(module.name(), variable, address.trim(), container, environment));
                    }
                }
            });
        }
        long largest = modules.stream().mapToLong(ServiceModule::largestRecordBytes).max().orElse(0);
        for (JsonNode kafka : all("Kafka")) {
            String messageMaxBytes = Yaml.text(kafka, "spec", "kafka", "config", "message.max.bytes");
            if (messageMaxBytes == null || Long.parseLong(messageMaxBytes) < largest) {
                problems.add("Kafka " + name(kafka) + " has message.max.bytes " + messageMaxBytes
                        + ", below the largest record a service sends (" + largest + " bytes)");
            }
        }
        return problems;
    }

    /** Strimzi KafkaTopic resources create exactly the mesh plan's topics, replicated as their Kafka cluster replicates. */
    List<String> kafkaTopicsFollowTheMeshPlan() {
        List<String> problems = new ArrayList<>();
        Map<String, DeclaredTopic> topics = MeshPlanChecks.kafkaTopics(documents, problems);
        problems.addAll(MeshPlanChecks.topicsFollowThePlan("k8s", topics, Platform.KUBERNETES, topicReplication(problems)));
        return problems;
    }

    /**
     * The replication of the KafkaTopics' cluster: its default.replication.factor and, when a topic has more than one
     * replica, the write quorum (min.insync.replicas) each topic states as well.
     */
    private TopicReplication topicReplication(List<String> problems) {
        Optional<JsonNode> kafka = find("Kafka", MeshPlanChecks.KAFKA_CLUSTER);
        if (kafka.isEmpty()) {
            problems.add("no Kafka " + MeshPlanChecks.KAFKA_CLUSTER + ", the cluster the KafkaTopics belong to");
            return TopicReplication.PLAN;
        }
        JsonNode config = kafka.get().path("spec").path("kafka").path("config");
        int replicas = config.path("default.replication.factor").asInt(1);
        Map<String, String> quorum = replicas > 1 ? Map.of(MIN_IN_SYNC_REPLICAS, config.path(MIN_IN_SYNC_REPLICAS).asText("1")) : Map.of();
        return new TopicReplication(replicas, quorum, "Kafka " + MeshPlanChecks.KAFKA_CLUSTER);
    }

    /** The probe settings the corruption and inference Deployments get agree with each other and the mesh plan. */
    List<String> probeSettingsFollowTheMeshPlan() {
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (String service : List.of("corruption", "inference")) {
            Map<String, String> environment = new LinkedHashMap<>();
            workload(service).ifPresent(workload -> resolveEnvironment(workload, container(workload, service), environment));
            environments.put(service, environment);
        }
        return MeshPlanChecks.probeSettingsFollowThePlan("k8s", environments.get("corruption"), environments.get("inference"));
    }

    /** A consumer scaled by KEDA on its own group's lag on its own input topic, never beyond the topic's partitions. */
    List<String> consumersScaleOnTheirLag() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : modulesWithWorkload()) {
            for (Map.Entry<String, String> input : module.consumerGroups().entrySet()) {
                Optional<JsonNode> scaler = all("ScaledObject").stream()
                        .filter(scaled -> module.name().equals(Yaml.text(scaled, "spec", "scaleTargetRef", "name"))).findFirst();
                if (scaler.isEmpty()) {
                    problems.add("no ScaledObject scales " + module.name());
                    continue;
                }
                JsonNode kafkaTrigger = null;
                for (JsonNode trigger : scaler.get().path("spec").path("triggers")) {
                    if ("kafka".equals(trigger.path("type").asText())) {
                        kafkaTrigger = trigger;
                    }
                }
                if (kafkaTrigger == null || !input.getKey().equals(Yaml.text(kafkaTrigger, "metadata", "topic"))
                        || !input.getValue().equals(Yaml.text(kafkaTrigger, "metadata", "consumerGroup"))) {
                    problems.add("ScaledObject " + name(scaler.get()) + " does not scale on the lag of group " + input.getValue()
                            + " on " + input.getKey() + " (" + module.path() + "'s input)");
                }
                int max = scaler.get().path("spec").path("maxReplicaCount").asInt(100);
                MeshPlan.topics().stream().filter(topic -> input.getKey().equals(topic.name())).findFirst().ifPresent(topic -> {
                    int partitions = topic.partitions(Platform.KUBERNETES);
                    if (max > partitions) {
                        problems.add("ScaledObject " + name(scaler.get()) + " may run " + max + " replicas but " + input.getKey()
                                + " has " + partitions + " partitions: the rest would sit idle");
                    }
                });
            }
        }
        return problems;
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

    /** A Service reached at address, or the bootstrap Service Strimzi creates for a Kafka cluster's listener on that port. */
    private List<String> brokerReaches(String what, String address) {
        String[] hostAndPort = address.split(":", 2);
        String host = hostAndPort[0].split("\\.")[0];
        if (find("Service", host).isPresent() || !host.endsWith(STRIMZI_BOOTSTRAP)) {
            return serviceReaches(what, address);
        }
        String cluster = host.substring(0, host.length() - STRIMZI_BOOTSTRAP.length());
        if (find("Kafka", cluster).isEmpty()) {
            return List.of(what + " is " + address + " but there is no Kafka cluster " + cluster);
        }
        return strimziListener(address).isPresent() ? List.of()
                : List.of(what + " is " + address + " but Kafka " + cluster + " has no listener on that port");
    }

    /**
     * A listener that authenticates wants SASL settings and the credentials of one of the cluster's KafkaUsers, beside
     * the bootstrap variable that leads there: {@code KAFKA_*} for SmallRye Kafka, {@code QUARKUS_KAFKA_STREAMS_*} for
     * Kafka Streams, which reads only its own.
     */
    private List<String> credentials(String service, String bootstrapVariable, String address, JsonNode container,
                                     Map<String, String> environment) {
        String authentication = strimziListener(address).map(listener -> Yaml.text(listener, "authentication", "type")).orElse(null);
        if (authentication == null) {
            return List.of();
        }
        String prefix = bootstrapVariable.substring(0, bootstrapVariable.length() - "BOOTSTRAP_SERVERS".length());
        String protocol = prefix + "SECURITY_PROTOCOL";
        String mechanismVariable = prefix + "SASL_MECHANISM";
        String jaasConfig = prefix + "SASL_JAAS_CONFIG";
        List<String> problems = new ArrayList<>();
        String mechanism = authentication.toUpperCase(Locale.ROOT);
        if (!"SASL_PLAINTEXT".equals(environment.get(protocol)) || !mechanism.equals(environment.get(mechanismVariable))) {
            problems.add(service + " reaches a " + authentication + " listener without " + protocol + "=SASL_PLAINTEXT and "
                    + mechanismVariable + "=" + mechanism);
        }
        String secret = null;
        for (JsonNode variable : container.path("env")) {
            if (jaasConfig.equals(variable.path("name").asText())) {
                secret = Yaml.text(variable, "valueFrom", "secretKeyRef", "name");
            }
        }
        String user = secret;
        if (user == null || all("KafkaUser").stream().noneMatch(kafkaUser -> name(kafkaUser).equals(user))) {
            problems.add(service + "'s " + jaasConfig + " is not read from the Secret of a KafkaUser (got " + secret + ")");
        }
        return problems;
    }

    /** The listener of a Strimzi cluster that <cluster>-kafka-bootstrap:<port> reaches. */
    private Optional<JsonNode> strimziListener(String address) {
        String[] hostAndPort = address.split(":", 2);
        String host = hostAndPort[0].split("\\.")[0];
        if (!host.endsWith(STRIMZI_BOOTSTRAP) || hostAndPort.length != 2) {
            return Optional.empty();
        }
        Optional<JsonNode> kafka = find("Kafka", host.substring(0, host.length() - STRIMZI_BOOTSTRAP.length()));
        if (kafka.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode listener : kafka.get().path("spec").path("kafka").path("listeners")) {
            if (listener.path("port").asText().equals(hostAndPort[1])) {
                return Optional.of(listener);
            }
        }
        return Optional.empty();
    }

    private List<JsonNode> all(String kind) {
        return documents.stream().filter(document -> kind.equals(kind(document))).toList();
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
}
