package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pod of both overlays passes Pod Security's "restricted" profile, which their namespace enforces: the
 * workloads' pod templates and the pods Strimzi makes from the Kafka and KafkaNodePool templates.
 */
class PodSecurityTest {

    /** Containers that must write outside their volumes (docs say why); every other root filesystem is read-only. */
    private static final Set<String> WRITABLE_ROOT = Set.of("triton");

    @Test
    void everyPodOfBothOverlaysIsRestricted() {
        for (String overlay : List.of("k8s/overlays/local", "k8s/overlays/gpu")) {
            List<JsonNode> documents = Kubectl.kustomize(Repository.root().resolve(overlay));
            assertThat(problems(documents)).as(overlay).isEmpty();
            assertThat(documents).filteredOn(document -> "Namespace".equals(document.path("kind").asText()))
                    .allSatisfy(namespace -> assertThat(Yaml.text(namespace, "metadata", "labels", "pod-security.kubernetes.io/enforce"))
                            .isEqualTo("restricted"));
        }
    }

    @Test
    void aPrivilegedContainerIsReported() {
        List<JsonNode> documents = Kubectl.kustomize(Repository.root().resolve("k8s/overlays/local"));
        for (JsonNode document : documents) {
            if ("judge".equals(document.path("metadata").path("name").asText()) && "Deployment".equals(document.path("kind").asText())) {
                ObjectNode context = (ObjectNode) document.path("spec").path("template").path("spec").path("containers").path(0).path("securityContext");
                context.put("allowPrivilegeEscalation", true);
                context.remove("readOnlyRootFilesystem");
            }
            if ("Kafka".equals(document.path("kind").asText())) {
                ((ObjectNode) document.path("spec").path("kafka").path("template").path("pod").path("securityContext")).remove("seccompProfile");
            }
        }

        assertThat(problems(documents)).containsExactlyInAnyOrder(
                "Deployment judge, container judge: allowPrivilegeEscalation is not false",
                "Deployment judge, container judge: readOnlyRootFilesystem is not true",
                "Kafka rhwatch (kafka pods): seccompProfile is not RuntimeDefault");
    }

    static List<String> problems(List<JsonNode> documents) {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : documents) {
            String kind = document.path("kind").asText();
            String where = kind + " " + document.path("metadata").path("name").asText();
            switch (kind) {
                case "Deployment", "StatefulSet", "Job" -> {
                    JsonNode pod = document.path("spec").path("template").path("spec");
                    problems.addAll(pod(where, pod.path("securityContext")));
                    for (JsonNode container : pod.path("containers")) {
                        String name = container.path("name").asText();
                        problems.addAll(container(where + ", container " + name, container.path("securityContext"), !WRITABLE_ROOT.contains(name)));
                    }
                    for (JsonNode container : pod.path("initContainers")) {
                        problems.addAll(container(where + ", init container " + container.path("name").asText(), container.path("securityContext"), true));
                    }
                }
                case "Kafka" -> {
                    JsonNode template = document.path("spec").path("kafka").path("template");
                    problems.addAll(pod(where + " (kafka pods)", template.path("pod").path("securityContext")));
                    problems.addAll(container(where + " (kafka container)", template.path("kafkaContainer").path("securityContext"), true));
                    JsonNode entityOperator = document.path("spec").path("entityOperator").path("template");
                    problems.addAll(pod(where + " (entity operator pod)", entityOperator.path("pod").path("securityContext")));
                    for (String container : List.of("topicOperatorContainer", "userOperatorContainer")) {
                        problems.addAll(container(where + " (" + container + ")", entityOperator.path(container).path("securityContext"), true));
                    }
                }
                case "KafkaNodePool" -> {
                    JsonNode template = document.path("spec").path("template");
                    problems.addAll(pod(where + " (pods)", template.path("pod").path("securityContext")));
                    problems.addAll(container(where + " (kafka container)", template.path("kafkaContainer").path("securityContext"), true));
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static List<String> pod(String where, JsonNode context) {
        List<String> problems = new ArrayList<>();
        if (!context.path("runAsNonRoot").asBoolean(false)) {
            problems.add(where + ": runAsNonRoot is not true");
        }
        if (!"RuntimeDefault".equals(Yaml.text(context, "seccompProfile", "type"))) {
            problems.add(where + ": seccompProfile is not RuntimeDefault");
        }
        return problems;
    }

    private static List<String> container(String where, JsonNode context, boolean readOnlyRoot) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> required = readOnlyRoot ? Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true)
                : Map.of("allowPrivilegeEscalation", false);
        required.forEach((field, value) -> {
            if (!context.has(field) || context.path(field).asBoolean() != value) {
                problems.add(where + ": " + field + " is not " + value);
            }
        });
        List<String> dropped = new ArrayList<>();
        context.path("capabilities").path("drop").forEach(capability -> dropped.add(capability.asText()));
        if (!dropped.contains("ALL")) {
            problems.add(where + ": capabilities do not drop ALL");
        }
        return problems;
    }
}
