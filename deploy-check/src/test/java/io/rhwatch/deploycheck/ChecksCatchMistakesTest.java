package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
    void aTopicTheScriptNoLongerCreatesIsReported() {
        ObjectNode broken = compose.deepCopy();
        ObjectNode topicInit = (ObjectNode) broken.path("services").path("topic-init");
        topicInit.set("command", new TextNode(topicInit.path("command").path(0).asText().replace(" rh.dlq.judge", "")));

        assertThat(new ComposeChecks(broken, modules).topicInitCreatesEveryTopic())
                .containsExactly("compose service topic-init does not create rh.dlq.judge, which services/judge uses");
    }

    @Test
    void aNewTopicInApplicationPropertiesIsReportedUntilCreated() {
        List<ServiceModule> grown = replace(modules, "judge",
                module -> module.withProperty("mp.messaging.outgoing.audit.topic", "rh.audit"));

        assertThat(new ComposeChecks(compose, grown).topicInitCreatesEveryTopic())
                .containsExactly("compose service topic-init does not create rh.audit, which services/judge uses");
        assertThat(new KubernetesChecks(local, grown).topicsJobCreatesEveryTopic())
                .containsExactly("Job rhwatch-topics does not create rh.audit, which services/judge uses");
    }

    @Test
    void aBrokerRefusingTheLargestRecordIsReported() {
        List<ServiceModule> bigger = replace(modules, "ingestion",
                module -> module.withProperty("mp.messaging.outgoing.samples.max.request.size", "33554432"));

        assertThat(new ComposeChecks(compose, bigger).kafkaServicesReachTheBrokerAfterTheTopics()).containsExactly(
                "the broker's KAFKA_MESSAGE_MAX_BYTES (16777216) is below the largest record a service sends (33554432 bytes, max.request.size)");
        assertThat(new ComposeChecks(compose, bigger).topicInitCreatesEveryTopic()).containsExactly(
                "compose service topic-init sets max.message.bytes=16777216, below the largest record a service sends (33554432 bytes)");
        assertThat(new KubernetesChecks(local, bigger).kafkaServicesReachTheBroker()).containsExactly(
                "broker kafka has KAFKA_MESSAGE_MAX_BYTES 16777216, below the largest record a service sends (33554432 bytes)");
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
                ((ObjectNode) document.path("spec").path("selector")).put("app.kubernetes.io/name", "triton");
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
