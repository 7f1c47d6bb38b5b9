package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rendered overlay against the schemas of its kinds (ManifestSchemas), and the validation catching typos. */
class ManifestSchemasTest {

    private static List<JsonNode> local;
    private static List<JsonNode> gpu;

    @BeforeAll
    static void render() {
        local = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local"));
        gpu = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/gpu"));
    }

    @Test
    void theLocalOverlayFitsItsSchemas() {
        assertThat(ManifestSchemas.problems(local)).isEmpty();
    }

    @Test
    void theGpuOverlayFitsItsSchemas() {
        assertThat(ManifestSchemas.problems(gpu)).isEmpty();
        assertThat(gpu).extracting(document -> document.path("kind").asText())
                .contains("Kafka", "KafkaNodePool", "KafkaUser", "ScaledObject", "TriggerAuthentication", "ServiceMonitor", "PrometheusRule");
    }

    @Test
    void aMisspelledFieldOfAKubernetesKindIsReported() {
        JsonNode judge = changed(gpu, "Deployment", "judge", document -> {
            ObjectNode container = (ObjectNode) document.path("spec").path("template").path("spec").path("containers").path(0);
            container.set("readinessProbe", container.remove("readinessProbe").deepCopy());
            ((ObjectNode) container.path("readinessProbe")).set("periodSecond", container.path("readinessProbe").path("periodSeconds"));
            ((ObjectNode) container.path("readinessProbe")).remove("periodSeconds");
        });

        assertThat(ManifestSchemas.problems(judge)).containsExactly(
                "apps/v1/Deployment judge: unknown field [spec.template.spec.containers[0].readinessProbe.periodSecond] (not in Probe)");
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        JsonNode inference = changed(gpu, "Deployment", "inference", document -> ((ObjectNode) document.path("spec")).put("replicas", "3"));

        assertThat(ManifestSchemas.problems(inference)).singleElement().asString()
                .startsWith("apps/v1/Deployment inference: Cannot coerce String value (\"3\") to `java.lang.Integer` value");
    }

    @Test
    void aMisspelledFieldOfAStrimziKindIsReported() {
        JsonNode kafka = changed(gpu, "Kafka", "rhwatch", document -> {
            ObjectNode spec = (ObjectNode) document.path("spec").path("kafka");
            spec.set("listners", spec.remove("listeners"));
        });

        assertThat(ManifestSchemas.problems(kafka)).contains("kafka.strimzi.io/v1/Kafka rhwatch: unknown field [spec.kafka.listners] (not in KafkaClusterSpec)");
    }

    @Test
    void anUnknownEnumValueOfAStrimziKindIsReported() {
        JsonNode user = changed(gpu, "KafkaUser", "rhwatch-judge",
                document -> ((ObjectNode) document.path("spec").path("authentication")).put("type", "scram-sha-256"));

        assertThat(ManifestSchemas.problems(user)).singleElement().asString().startsWith("kafka.strimzi.io/v1/KafkaUser rhwatch-judge: ");
    }

    @Test
    void aMisspelledFieldOfAPrometheusOperatorKindIsReported() {
        JsonNode monitor = changed(gpu, "ServiceMonitor", "judge",
                document -> ((ObjectNode) document.path("spec").path("endpoints").path(0)).put("intervall", "15s"));

        assertThat(ManifestSchemas.problems(monitor)).containsExactly(
                "monitoring.coreos.com/v1/ServiceMonitor judge: unknown field [spec.endpoints[0].intervall] (not in Endpoint)");
    }

    @Test
    void aMisspelledFieldOfAKedaKindIsReportedAgainstItsCrd() {
        JsonNode scaler = changed(gpu, "ScaledObject", "judge", document -> {
            ObjectNode spec = (ObjectNode) document.path("spec");
            spec.set("maxReplicas", spec.remove("maxReplicaCount"));
        });

        assertThat(ManifestSchemas.problems(scaler)).singleElement().asString()
                .startsWith("keda.sh/v1alpha1/ScaledObject judge: ").contains("maxReplicas");
    }

    @Test
    void aKedaTriggerOfTheWrongTypeIsReported() {
        JsonNode scaler = changed(gpu, "ScaledObject", "judge", document -> ((ObjectNode) document.path("spec")).put("pollingInterval", "15"));

        assertThat(ManifestSchemas.problems(scaler)).singleElement().asString()
                .startsWith("keda.sh/v1alpha1/ScaledObject judge: ").contains("pollingInterval");
    }

    @Test
    void aKindWithoutSchemaIsReported() {
        JsonNode ingress = Yaml.parse("{apiVersion: networking.k8s.io/v1beta1, kind: Ingress, metadata: {name: web}}", "test");

        assertThat(ManifestSchemas.problems(ingress)).singleElement().asString()
                .startsWith("networking.k8s.io/v1beta1/Ingress web: no schema for this apiVersion and kind");
    }

    private static JsonNode changed(List<JsonNode> documents, String kind, String name, Consumer<JsonNode> change) {
        JsonNode copy = documents.stream()
                .filter(document -> kind.equals(document.path("kind").asText()) && name.equals(document.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered overlay"))
                .deepCopy();
        change.accept(copy);
        return copy;
    }
}
