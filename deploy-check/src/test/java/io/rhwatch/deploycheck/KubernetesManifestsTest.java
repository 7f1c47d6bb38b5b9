package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** k8s/overlays/local, rendered by `kubectl kustomize` as a cluster would receive it, against the code. */
class KubernetesManifestsTest {

    private static List<ServiceModule> modules;
    private static KubernetesChecks local;

    @BeforeAll
    static void render() {
        modules = Repository.services();
        local = new KubernetesChecks(Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local")), modules);
    }

    @Test
    void everyServiceModuleRunsAsADeploymentOrStatefulSet() {
        assertThat(local.everyModuleIsAWorkload()).isEmpty();
    }

    @Test
    void containerPortsServicesAndScrapeAnnotationsAreTheServicesPorts() {
        assertThat(local.portsAreTheServicesPorts()).isEmpty();
    }

    @Test
    void probesUseQuarkusHealthEndpoints() {
        assertThat(local.probesUseTheHealthEndpoints()).isEmpty();
    }

    @Test
    void everyContainerHasRequestsAndLimits() {
        assertThat(local.everyContainerHasRequestsAndLimits()).isEmpty();
    }

    @Test
    void everyEnvironmentVariableSetsAPropertyOfItsService() {
        assertThat(local.environmentReachesTheServices()).isEmpty();
    }

    @Test
    void kafkaServicesReachTheBroker() {
        assertThat(local.kafkaServicesReachTheBroker()).isEmpty();
    }

    /** The KafkaTopics come from k8s/base/kafka/topics.yaml, the topic list kept with the mesh plan. */
    @Test
    void kafkaTopicsAreExactlyTheTopicsOfTheMeshPlan() {
        assertThat(local.kafkaTopicsFollowTheMeshPlan()).isEmpty();
    }

    @Test
    void corruptionProbesWhatInferenceServesWithinItsBudgetLimit() {
        assertThat(local.probeSettingsFollowTheMeshPlan()).isEmpty();
    }

    @Test
    void inferenceReachesModelSimThroughTheTritonService() {
        assertThat(local.modelServerIsWired()).isEmpty();
    }

    @Test
    void kafkaStreamsStateLivesOnAVolume() {
        assertThat(local.stateDirectoriesAreVolumes()).isEmpty();
    }

    /** The base is what every overlay starts from: every Kafka service and its broker, no model server. */
    @Test
    void baseRendersTheKafkaServicesWithoutModelServer() {
        List<JsonNode> base = Kubectl.kustomize(Repository.root().resolve("k8s/base"));
        List<String> workloads = base.stream()
                .filter(document -> List.of("Deployment", "StatefulSet").contains(document.path("kind").asText()))
                .map(document -> document.path("metadata").path("name").asText()).toList();
        assertThat(workloads).containsExactlyInAnyOrderElementsOf(
                modules.stream().filter(ServiceModule::usesKafka).map(ServiceModule::name).toList());
        KubernetesChecks checks = new KubernetesChecks(base, modules.stream().filter(ServiceModule::usesKafka).toList());
        assertThat(checks.portsAreTheServicesPorts()).isEmpty();
        assertThat(checks.environmentReachesTheServices()).isEmpty();
        assertThat(checks.kafkaServicesReachTheBroker()).isEmpty();
        assertThat(checks.kafkaTopicsFollowTheMeshPlan()).as("the base brings the topics, with one replica").isEmpty();
    }
}
