package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/overlays/gpu, rendered as a GPU cluster receives it: the services against Triton and the real models. */
class GpuOverlayTest {

    private static List<ServiceModule> kafkaServices;
    private static List<JsonNode> gpu;
    private static KubernetesChecks checks;

    @BeforeAll
    static void render() {
        kafkaServices = Repository.services().stream().filter(ServiceModule::usesKafka).toList();
        gpu = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/gpu"));
        checks = new KubernetesChecks(gpu, kafkaServices);
    }

    @Test
    void theServicesAgreeWithTheirCode() {
        assertThat(checks.everyModuleIsAWorkload()).isEmpty();
        assertThat(checks.portsAreTheServicesPorts()).isEmpty();
        assertThat(checks.probesUseTheHealthEndpoints()).isEmpty();
        assertThat(checks.everyContainerHasRequestsAndLimits()).isEmpty();
        assertThat(checks.environmentReachesTheServices()).isEmpty();
        assertThat(checks.kafkaServicesReachTheBroker()).isEmpty();
        assertThat(checks.modelServerIsWired()).isEmpty();
        assertThat(checks.stateDirectoriesAreVolumes()).isEmpty();
    }

    /** The mesh plan's topics, each on three replicas with a write quorum of two, as the three-node cluster replicates. */
    @Test
    void kafkaTopicsAreThePlansReplicatedLikeTheirCluster() {
        assertThat(checks.kafkaTopicsFollowTheMeshPlan()).isEmpty();
        assertThat(all("KafkaTopic")).isNotEmpty().allSatisfy(topic -> {
            assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(Yaml.text(topic, "spec", "config", "min.insync.replicas")).isEqualTo("2");
        });
    }

    /**
     * Three nodes, and every topic the cluster makes itself (consumer offsets, transaction state, Kafka Streams'
     * changelogs and repartition topics) replicated like the mesh's: an acks=all write survives the loss of a broker.
     */
    @Test
    void theKafkaClusterHasThreeNodesAndReplicatesItsOwnTopicsLikeTheMeshs() {
        assertThat(find("KafkaNodePool", "dual-role").path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode config = find("Kafka", "rhwatch").path("spec").path("kafka").path("config");
        assertThat(Map.of(
                "default.replication.factor", config.path("default.replication.factor").asText(),
                "min.insync.replicas", config.path("min.insync.replicas").asText(),
                "offsets.topic.replication.factor", config.path("offsets.topic.replication.factor").asText(),
                "transaction.state.log.replication.factor", config.path("transaction.state.log.replication.factor").asText(),
                "transaction.state.log.min.isr", config.path("transaction.state.log.min.isr").asText()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "default.replication.factor", "3",
                        "min.insync.replicas", "2",
                        "offsets.topic.replication.factor", "3",
                        "transaction.state.log.replication.factor", "3",
                        "transaction.state.log.min.isr", "2"));
    }

    @Test
    void consumersScaleOnTheirLagUpToTheirPartitions() {
        assertThat(checks.consumersScaleOnTheirLag()).isEmpty();
    }

    /** The models named to corruption, inference and the judge are the ones Triton loads from the repository. */
    @Test
    void theServicesNameTheModelsTritonLoads() {
        JsonNode triton = find("Deployment", "triton");
        Set<String> loaded = new TreeSet<>();
        container(triton).path("args").forEach(arg -> {
            if (arg.asText().startsWith("--load-model=")) {
                loaded.add(arg.asText().substring("--load-model=".length()));
            }
        });
        Set<String> inRepository = TritonRepositoryTest.models().stream().map(model -> model.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(loaded).isEqualTo(inRepository);
        Map<String, String> mounted = new LinkedHashMap<>();
        container(triton).path("volumeMounts").forEach(mount -> mounted.put(mount.path("mountPath").asText(), mount.path("name").asText()));
        assertThat(mounted.keySet()).containsAll(inRepository.stream().map(model -> "/models/" + model).toList());

        assertThat(models(environment("inference", "RHWATCH_INFERENCE_SERVED_MODELS"))).isNotEmpty().isSubsetOf(loaded);
        assertThat(models(environment("corruption", "RHWATCH_CORRUPTION_MODELS")))
                .isEqualTo(models(environment("inference", "RHWATCH_INFERENCE_SERVED_MODELS")));
        assertThat(environment("judge", "RHWATCH_JUDGE_LLM_ENABLED")).isEqualTo("true");
        assertThat(loaded).contains(environment("judge", "RHWATCH_JUDGE_LLM_MODEL"));
        assertThat(environment("judge", "QUARKUS_GRPC_CLIENTS_JUDGE_TRITON_HOST") + ":" + environment("judge", "QUARKUS_GRPC_CLIENTS_JUDGE_TRITON_PORT"))
                .isEqualTo(environment("inference", "QUARKUS_GRPC_CLIENTS_TRITON_HOST") + ":" + environment("inference", "QUARKUS_GRPC_CLIENTS_TRITON_PORT"));
    }

    @Test
    void tritonRunsOnAGpuWithItsHealthEndpoints() {
        JsonNode pod = find("Deployment", "triton").path("spec").path("template").path("spec");
        JsonNode container = container(find("Deployment", "triton"));
        assertThat(container.path("resources").path("limits").path("nvidia.com/gpu").asText()).isEqualTo("1");
        assertThat(pod.path("nodeSelector").path("nvidia.com/gpu.present").asText()).isEqualTo("true");
        assertThat(pod.path("tolerations").findValuesAsText("key")).contains("nvidia.com/gpu");
        assertThat(Yaml.text(container, "startupProbe", "httpGet", "path")).isEqualTo("/v2/health/ready");
        assertThat(Yaml.text(container, "readinessProbe", "httpGet", "path")).isEqualTo("/v2/health/ready");
        assertThat(Yaml.text(container, "livenessProbe", "httpGet", "path")).isEqualTo("/v2/health/live");
        assertThat(container.path("ports").findValuesAsText("containerPort")).contains("8000", "8001", "8002");
        List<String> memoryVolumes = new ArrayList<>();
        pod.path("volumes").forEach(volume -> {
            if ("Memory".equals(Yaml.text(volume, "emptyDir", "medium"))) {
                memoryVolumes.add(volume.path("name").asText());
            }
        });
        assertThat(memoryVolumes).hasSize(1);
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath")).contains("/dev/shm", "/cache/huggingface");
        assertThat(container.path("env").findValuesAsText("name")).contains("HF_TOKEN", "HF_HOME");
    }

    @Test
    void everyServiceAndTritonIsScraped() {
        Set<String> monitored = new TreeSet<>();
        for (JsonNode monitor : all("ServiceMonitor")) {
            monitored.add(Yaml.text(monitor, "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
            assertThat(monitor.path("spec").path("endpoints").findValuesAsText("replacement")).containsOnly("rhwatch-" + Yaml.text(monitor, "metadata", "name"));
        }
        Set<String> expected = kafkaServices.stream().map(ServiceModule::name).collect(Collectors.toCollection(TreeSet::new));
        expected.add("triton");
        assertThat(monitored).isEqualTo(expected);
    }

    /** One source each: the alert rules are deploy/prometheus's, the dashboard is deploy/grafana's. */
    @Test
    void alertRulesAndDashboardAreTheFilesUnderDeploy() {
        JsonNode rules = Yaml.read(Repository.root().resolve("deploy/prometheus/rhwatch-alerts.yml"));
        assertThat(find("PrometheusRule", "rhwatch-alerts").path("spec").path("groups")).isEqualTo(rules.path("groups"));
        JsonNode dashboard = all("ConfigMap").stream().filter(map -> "1".equals(Yaml.text(map, "metadata", "labels", "grafana_dashboard")))
                .findFirst().orElseThrow();
        assertThat(Yaml.text(dashboard, "data", "rhwatch-dashboard.json"))
                .isEqualTo(Repository.read(Repository.root().resolve("deploy/grafana/rhwatch-dashboard.json")));
    }

    @Test
    void imagesAreImmutableReferences() {
        List<String> mutable = new ArrayList<>();
        for (JsonNode document : gpu) {
            document.path("spec").path("template").path("spec").path("containers").findValuesAsText("image").forEach(image -> {
                String tag = image.contains("@sha256:") ? null : image.substring(image.lastIndexOf('/') + 1).replaceFirst("^[^:]*:?", "");
                if (tag != null && (tag.isEmpty() || tag.equals("latest") || tag.endsWith("SNAPSHOT"))) {
                    mutable.add(image);
                }
            });
        }
        assertThat(mutable).as("images without a digest or a release tag").isEmpty();
    }

    private static String environment(String service, String variable) {
        for (JsonNode entry : container(find("Deployment", service)).path("env")) {
            if (variable.equals(entry.path("name").asText())) {
                return Yaml.text(entry, "value");
            }
        }
        throw new AssertionError(service + " gets no " + variable + " in k8s/overlays/gpu");
    }

    private static Set<String> models(String commaSeparated) {
        return Set.of(commaSeparated.split(",")).stream().map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode container(JsonNode workload) {
        return workload.path("spec").path("template").path("spec").path("containers").path(0);
    }

    private static List<JsonNode> all(String kind) {
        return gpu.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    private static JsonNode find(String kind, String name) {
        return all(kind).stream().filter(document -> name.equals(document.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in k8s/overlays/gpu"));
    }

}
