package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rhwatch.core.mesh.MeshPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks on real mistakes: the real manifests and code, each with one thing broken the way a
 * change elsewhere in the repository would break it. Each check must name what went wrong.
 */
class ChecksCatchMistakesTest {

    private static List<ServiceModule> modules;
    private static JsonNode compose;
    private static List<JsonNode> local;

    @BeforeAll
    static void load() {
        modules = Repository.services();
        compose = Yaml.read(Repository.root().resolve("docker-compose.yml"));
        local = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local"));
    }

    @Test
    void aServiceModuleWithoutComposeServiceIsReported() {
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services")).remove("judge");

        assertThat(new ComposeChecks(broken, modules).everyModuleIsBuiltAsAService())
                .containsExactly("docker-compose.yml has no service judge for services/judge");
    }

    @Test
    void aPortChangedInApplicationPropertiesIsReportedInComposeKubernetesAndTheDockerfile() {
        List<ServiceModule> moved = replace(modules, "ingestion", module -> module.withProperty("quarkus.http.port", "9081"));
        ServiceModule ingestion = moved.stream().filter(module -> module.name().equals("ingestion")).findFirst().orElseThrow();

        assertThat(new ComposeChecks(compose, moved).portsAreTheServicesPorts()).containsExactly(
                "compose service ingestion publishes container ports [8081] but services/ingestion listens on [9081]"
                        + " (quarkus.http.port, quarkus.grpc.server.port)",
                "compose service ingestion has no healthcheck on localhost:9081/q/health/ready");
        assertThat(new KubernetesChecks(local, moved).portsAreTheServicesPorts())
                .anySatisfy(problem -> assertThat(problem).startsWith("ingestion declares container ports [8081]"))
                .anySatisfy(problem -> assertThat(problem).startsWith("Service ingestion has no port reaching container port 9081"));
        assertThat(new KubernetesChecks(local, moved).probesUseTheHealthEndpoints()).hasSize(2);
        assertThat(DockerfileChecks.problems(ingestion, Repository.read(ingestion.dir().resolve(ComposeChecks.DOCKERFILE))))
                .containsExactly("services/ingestion/src/main/docker/Dockerfile.jvm exposes [8081] but services/ingestion listens on [9081]");
    }

    @Test
    void aMisspelledOrMisplacedVariableIsReported() {
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("corruption").path("environment")).put("RHWATCH_CORRUPTION_MODEL", "m");
        ((ObjectNode) broken.path("services").path("judge").path("environment")).put("QUARKUS_GRPC_CLIENTS_TRITON_HOST", "model-sim");

        assertThat(new ComposeChecks(broken, modules).environmentReachesTheServices()).containsExactly(
                "compose service corruption: RHWATCH_CORRUPTION_MODEL sets nothing services/corruption reads: no key of its"
                        + " application.properties has this environment form, and it is not a documented variable of corruption",
                "compose service judge: QUARKUS_GRPC_CLIENTS_TRITON_HOST sets nothing services/judge reads: no key of its"
                        + " application.properties has this environment form, and it is not a documented variable of judge");
    }

    @Test
    void aTopicInitDifferentFromTheMeshPlanIsReported() {
        ObjectNode broken = compose.deepCopy();
        ObjectNode topicInit = (ObjectNode) broken.path("services").path("topic-init");
        String script = topicInit.path("command").path(0).asText()
                .replaceAll("(?m)^\\s*create rh\\.dlq\\.judge .*$", "")
                .replace("create rh.samples --partitions 6", "create rh.samples --partitions 2")
                .replace("create rh.curves --partitions 6 --config cleanup.policy=compact", "create rh.curves --partitions 6 --config cleanup.policy=delete")
                + "\ncreate rh.audit --partitions 6\n";
        topicInit.set("command", new TextNode(script));

        assertThat(new ComposeChecks(broken, modules).topicInitFollowsTheMeshPlan()).containsExactly(
                "compose service topic-init creates rh.samples with 2 partitions, the mesh plan 6",
                "compose service topic-init configures rh.curves with {cleanup.policy=delete, max.message.bytes=16777216},"
                        + " the mesh plan with {cleanup.policy=compact, max.message.bytes=16777216}",
                "compose service topic-init does not create rh.dlq.judge, which the mesh plan has",
                "compose service topic-init creates rh.audit, which the mesh plan does not have");
    }

    @Test
    void aKafkaTopicDifferentFromTheMeshPlanIsReported() {
        List<JsonNode> broken = copy(local);
        broken.removeIf(document -> document.path("kind").asText().equals("KafkaTopic")
                && document.path("metadata").path("name").asText().equals("rh.dlq.inference"));
        for (JsonNode document : broken) {
            if (document.path("kind").asText().equals("KafkaTopic") && document.path("metadata").path("name").asText().equals("rh.probes")) {
                ((ObjectNode) document.path("spec")).put("replicas", 3);
                ((ObjectNode) document.path("spec").path("config")).remove("max.message.bytes");
                ((ObjectNode) document.path("metadata").path("labels")).remove("strimzi.io/cluster");
            }
        }

        assertThat(new KubernetesChecks(broken, modules).kafkaTopicsFollowTheMeshPlan()).containsExactly(
                "KafkaTopic rh.probes is not labelled strimzi.io/cluster: rhwatch, so no topic operator creates it",
                "k8s creates rh.probes with 3 replicas, Kafka rhwatch 1",
                "k8s configures rh.probes with {cleanup.policy=delete}, the mesh plan with"
                        + " {cleanup.policy=delete, max.message.bytes=16777216}",
                "k8s does not create rh.dlq.inference, which the mesh plan has");
    }

    /** What k8s/overlays/gpu would be if its KafkaTopic patch stopped applying: a replicated cluster, topics on one replica. */
    @Test
    void aTopicReplicatedLessThanItsClusterIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("kind").asText().equals("Kafka")) {
                ObjectNode config = (ObjectNode) document.path("spec").path("kafka").path("config");
                config.put("default.replication.factor", 3);
                config.put("min.insync.replicas", 2);
            }
        }

        assertThat(new KubernetesChecks(broken, modules).kafkaTopicsFollowTheMeshPlan()).hasSize(2 * MeshPlan.topics().size()).startsWith(
                "k8s creates rh.samples with 1 replicas, Kafka rhwatch 3",
                "k8s configures rh.samples with {cleanup.policy=delete, max.message.bytes=16777216}, the mesh plan and Kafka rhwatch"
                        + " with {cleanup.policy=delete, max.message.bytes=16777216, min.insync.replicas=2}");
    }

    @Test
    void aNewTopicInApplicationPropertiesIsReportedUntilPlanned() {
        List<ServiceModule> grown = replace(modules, "judge",
                module -> module.withProperty("mp.messaging.outgoing.audit.topic", "rh.audit"));

        assertThat(MeshPlanChecks.planCoversTheServices(grown))
                .containsExactly("services/judge uses rh.audit, which the mesh plan does not have");
    }

    @Test
    void aBrokerOrTopicRefusingTheLargestRecordIsReported() {
        List<ServiceModule> bigger = replace(modules, "ingestion",
                module -> module.withProperty("mp.messaging.outgoing.samples.max.request.size", "33554432"));

        assertThat(new ComposeChecks(compose, bigger).kafkaServicesReachTheBrokerAfterTheTopics()).containsExactly(
                "the broker's KAFKA_MESSAGE_MAX_BYTES (16777216) is below the largest record a service sends (33554432 bytes, max.request.size)");
        assertThat(MeshPlanChecks.planCoversTheServices(bigger)).hasSize(MeshPlan.topics().size()).first().isEqualTo(
                "the mesh plan's rh.samples takes records up to 16777216 bytes, below the largest record a service sends"
                        + " (33554432 bytes, max.request.size)");
        assertThat(new KubernetesChecks(local, bigger).kafkaServicesReachTheBroker()).containsExactly(
                "Kafka rhwatch has message.max.bytes 16777216, below the largest record a service sends (33554432 bytes)");
    }

    @Test
    void corruptionProbingWhatInferenceDoesNotServeIsReported() {
        ObjectNode broken = compose.deepCopy();
        ObjectNode corruption = (ObjectNode) broken.path("services").path("corruption").path("environment");
        corruption.put("RHWATCH_CORRUPTION_MODELS", "rh-sim-steady");
        corruption.put("RHWATCH_CORRUPTION_BUDGETS", "0,20000");
        corruption.put("RHWATCH_CORRUPTION_CORRUPTIONS", "blank_image,clean");

        assertThat(new ComposeChecks(broken, modules).probeSettingsFollowTheMeshPlan()).containsExactly(
                "docker-compose.yml: corruption probes the models rh-sim-steady (RHWATCH_CORRUPTION_MODELS) but inference waits for"
                        + " rh-sim-steady,rh-sim-drifty (RHWATCH_INFERENCE_SERVED_MODELS)",
                "docker-compose.yml: corruption asks for a budget of 20000 tokens, above inference's limit of 16384",
                "docker-compose.yml: corruption is set to probe clean, not a corruption of the mesh plan"
                        + " [blank_image, random_image, text_removal]");
    }

    @Test
    void inferencePointedAtAMissingModelServerIsReported() {
        ObjectNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("inference").path("environment")).put("QUARKUS_GRPC_CLIENTS_TRITON_PORT", "8002");

        assertThat(new ComposeChecks(broken, modules).modelServerIsWired()).containsExactly(
                "compose service inference calls model-sim on port 8002 but services/model-sim serves gRPC on OptionalInt[8001]");
    }

    @Test
    void aServiceModuleWithoutWorkloadIsReported() {
        List<JsonNode> broken = copy(local);
        broken.removeIf(document -> document.path("kind").asText().equals("Deployment")
                && document.path("metadata").path("name").asText().equals("model-sim"));

        assertThat(new KubernetesChecks(broken, modules).everyModuleIsAWorkload())
                .containsExactly("no Deployment or StatefulSet model-sim for services/model-sim");
    }

    @Test
    void aTritonServiceSelectingNoModelServerIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("kind").asText().equals("Service") && document.path("metadata").path("name").asText().equals("triton")) {
                ((ObjectNode) document.path("spec").path("selector")).put("rhwatch.io/model-server", "false");
            }
        }

        assertThat(new KubernetesChecks(broken, modules).modelServerIsWired()).containsExactly(
                "inference's QUARKUS_GRPC_CLIENTS_TRITON_HOST is triton:8001 but Service triton selects no pods listening on its target port");
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("metadata").path("name").asText().equals("judge") && document.path("kind").asText().equals("Deployment")) {
                ((ObjectNode) document.path("spec").path("template").path("spec").path("containers").path(0).path("resources")).remove("limits");
            }
        }

        assertThat(new KubernetesChecks(broken, modules).everyContainerHasRequestsAndLimits())
                .containsExactly("judge/judge sets no cpu limits", "judge/judge sets no memory limits");
    }

    @Test
    void aServiceWithoutKafkaCredentialsIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("metadata").path("name").asText().equals("judge") && document.path("kind").asText().equals("Deployment")) {
                ((ObjectNode) document.path("spec").path("template").path("spec").path("containers").path(0)).remove("env");
            }
        }

        assertThat(new KubernetesChecks(broken, modules).kafkaServicesReachTheBroker())
                .containsExactly("judge's KAFKA_SASL_JAAS_CONFIG is not read from the Secret of a KafkaUser (got null)");
    }

    @Test
    void kafkaStreamsWithoutItsOwnCredentialsIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("metadata").path("name").asText().equals("aggregator")) {
                JsonNode env = document.path("spec").path("template").path("spec").path("containers").path(0).path("env");
                for (int i = env.size() - 1; i >= 0; i--) {
                    if (env.get(i).path("name").asText().startsWith("QUARKUS_KAFKA_STREAMS_SASL_")) {
                        ((ArrayNode) env).remove(i);
                    }
                }
            }
        }

        assertThat(new KubernetesChecks(broken, modules).kafkaServicesReachTheBroker()).containsExactly(
                "aggregator reaches a scram-sha-512 listener without QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL=SASL_PLAINTEXT and "
                        + "QUARKUS_KAFKA_STREAMS_SASL_MECHANISM=SCRAM-SHA-512",
                "aggregator's QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG is not read from the Secret of a KafkaUser (got null)");
    }

    @Test
    void aBootstrapAddressWithoutListenerIsReported() {
        List<JsonNode> broken = copy(local);
        for (JsonNode document : broken) {
            if (document.path("kind").asText().equals("Kafka")) {
                ((ObjectNode) document.path("spec").path("kafka").path("listeners").path(0)).put("port", 9093);
            }
        }

        assertThat(new KubernetesChecks(broken, modules).kafkaServicesReachTheBroker())
                .contains("judge's KAFKA_BOOTSTRAP_SERVERS is rhwatch-kafka-bootstrap:9092 but Kafka rhwatch has no listener on that port");
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertThat(Environment.variableOf("quarkus.grpc.clients.triton.host")).isEqualTo("QUARKUS_GRPC_CLIENTS_TRITON_HOST");
        assertThat(Environment.variableOf("%test.kafka-streams.state.dir")).isEqualTo("KAFKA_STREAMS_STATE_DIR");
        assertThat(Environment.variableOf("quarkus.log.category.\"kafka\".level")).isEqualTo("QUARKUS_LOG_CATEGORY__KAFKA__LEVEL");
    }

    @Test
    void aMissingKubectlFailsWithAClearMessage() {
        assertThatThrownBy(() -> Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local"), "kubectl-not-installed-here"))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("kubectl is needed to render k8s/overlays/local and 'kubectl-not-installed-here' could not be started")
                .hasMessageEndingWith("install kubectl 1.27 or newer (it bundles kustomize) and put it on the PATH");
    }

    private static List<ServiceModule> replace(List<ServiceModule> all, String name, UnaryOperator<ServiceModule> change) {
        return all.stream().map(module -> module.name().equals(name) ? change.apply(module) : module).toList();
    }

    private static List<JsonNode> copy(List<JsonNode> documents) {
        List<JsonNode> copies = new ArrayList<>();
        documents.forEach(document -> copies.add(document.deepCopy()));
        return copies;
    }
}
