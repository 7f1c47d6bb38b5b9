package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import io.rhwatch.core.mesh.Topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the code or a manifest disagrees with the mesh plan (core's MeshPlan): the topics the services
 * use, the topics Compose and Kubernetes create, and the probe settings the services get.
 */
final class MeshPlanChecks {

    static final String CORRUPTION_MODELS = "RHWATCH_CORRUPTION_MODELS";
    static final String CORRUPTION_BUDGETS = "RHWATCH_CORRUPTION_BUDGETS";
    static final String CORRUPTION_CORRUPTIONS = "RHWATCH_CORRUPTION_CORRUPTIONS";
    static final String INFERENCE_SERVED_MODELS = "RHWATCH_INFERENCE_SERVED_MODELS";
    static final String INFERENCE_MAX_BUDGET = "RHWATCH_INFERENCE_MAX_BUDGET";
    /** The Strimzi Kafka cluster of k8s/base, which the KafkaTopics must name (label strimzi.io/cluster). */
    static final String KAFKA_CLUSTER = "rhwatch";

    private MeshPlanChecks() {
    }

    /** Every topic a service uses is in the plan, every topic of the plan is used, and each takes the largest record. */
    static List<String> planCoversTheServices(List<ServiceModule> modules) {
        List<String> problems = new ArrayList<>();
        Set<String> planned = new TreeSet<>();
        MeshPlan.topics().forEach(topic -> planned.add(topic.name()));
        Set<String> used = new TreeSet<>();
        for (ServiceModule module : modules) {
            for (String topic : module.topics()) {
                used.add(topic);
                if (!planned.contains(topic)) {
                    problems.add(module.path() + " uses " + topic + ", which the mesh plan does not have");
                }
            }
        }
        planned.stream().filter(topic -> !used.contains(topic))
                .forEach(topic -> problems.add("the mesh plan has " + topic + ", which no service uses"));
        long largest = modules.stream().mapToLong(ServiceModule::largestRecordBytes).max().orElse(0);
        for (Topic topic : MeshPlan.topics()) {
            if (topic.maxMessageBytes() < largest) {
                problems.add("the mesh plan's " + topic.name() + " takes records up to " + topic.maxMessageBytes()
                        + " bytes, below the largest record a service sends (" + largest + " bytes, max.request.size)");
            }
        }
        return problems;
    }

    /**
     * The topics a platform creates are exactly the plan's, each with the plan's partitions and configuration, replicated
     * as the platform replicates them.
     */
    static List<String> topicsFollowThePlan(String where, Map<String, DeclaredTopic> declared, Platform platform,
                                            TopicReplication replication) {
        List<String> problems = new ArrayList<>();
        for (Topic topic : MeshPlan.topics()) {
            DeclaredTopic actual = declared.get(topic.name());
            if (actual == null) {
                problems.add(where + " does not create " + topic.name() + ", which the mesh plan has");
                continue;
            }
            if (actual.partitions() != topic.partitions(platform)) {
                problems.add(where + " creates " + topic.name() + " with " + actual.partitions() + " partitions, the mesh plan "
                        + topic.partitions(platform));
            }
            if (actual.replicas() != replication.replicas()) {
                problems.add(where + " creates " + topic.name() + " with " + actual.replicas() + " replicas, "
                        + replication.source() + " " + replication.replicas());
            }
            Map<String, String> expected = new TreeMap<>(topic.config());
            expected.putAll(replication.config());
            if (!actual.config().equals(expected)) {
                problems.add(where + " configures " + topic.name() + " with " + new TreeMap<>(actual.config())
                        + ", the mesh plan" + (replication.config().isEmpty() ? "" : " and " + replication.source())
                        + " with " + expected);
            }
        }
        declared.keySet().stream().filter(name -> MeshPlan.topics().stream().noneMatch(topic -> topic.name().equals(name)))
                .forEach(name -> problems.add(where + " creates " + name + ", which the mesh plan does not have"));
        return problems;
    }

    /**
     * The corruption service probes the models inference waits for, at budgets inference accepts, with
     * corruptions of the plan. A variable left unset means the service's default, which is the plan's.
     */
    static List<String> probeSettingsFollowThePlan(String where, Map<String, String> corruption, Map<String, String> inference) {
        List<String> problems = new ArrayList<>();
        String probed = corruption.getOrDefault(CORRUPTION_MODELS, MeshPlan.MODELS_SETTING);
        String served = inference.getOrDefault(INFERENCE_SERVED_MODELS, MeshPlan.MODELS_SETTING);
        if (!list(probed).equals(list(served))) {
            problems.add(where + ": corruption probes the models " + probed + " (" + CORRUPTION_MODELS + ") but inference waits for "
                    + served + " (" + INFERENCE_SERVED_MODELS + ")");
        }
        int limit = Integer.parseInt(inference.getOrDefault(INFERENCE_MAX_BUDGET, MeshPlan.MAX_BUDGET_SETTING));
        for (String level : list(corruption.getOrDefault(CORRUPTION_BUDGETS, MeshPlan.BUDGETS_SETTING))) {
            if (Integer.parseInt(level) > limit) {
                problems.add(where + ": corruption asks for a budget of " + level + " tokens, above inference's limit of " + limit);
            }
        }
        List<String> known = list(MeshPlan.CORRUPTIONS_SETTING);
        for (String kind : list(corruption.getOrDefault(CORRUPTION_CORRUPTIONS, MeshPlan.CORRUPTIONS_SETTING))) {
            if (!known.contains(kind)) {
                problems.add(where + ": corruption is set to probe " + kind + ", not a corruption of the mesh plan " + known);
            }
        }
        return problems;
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    /** The KafkaTopic resources (Strimzi) among rendered manifests, by topic name. */
    static Map<String, DeclaredTopic> kafkaTopics(List<JsonNode> documents, List<String> problems) {
        Map<String, DeclaredTopic> topics = new LinkedHashMap<>();
        for (JsonNode document : documents) {
            if (!"KafkaTopic".equals(document.path("kind").asText())) {
                continue;
            }
            String name = document.path("spec").path("topicName").asText(document.path("metadata").path("name").asText());
            if (!"kafka.strimzi.io/v1".equals(document.path("apiVersion").asText())) {
                problems.add("KafkaTopic " + name + " has apiVersion " + document.path("apiVersion").asText() + ", not kafka.strimzi.io/v1");
            }
            if (!KAFKA_CLUSTER.equals(Yaml.text(document, "metadata", "labels", "strimzi.io/cluster"))) {
                problems.add("KafkaTopic " + name + " is not labelled strimzi.io/cluster: " + KAFKA_CLUSTER + ", so no topic operator creates it");
            }
            JsonNode spec = document.path("spec");
            topics.put(name, new DeclaredTopic(name, spec.path("partitions").asInt(), spec.path("replicas").asInt(),
                    Yaml.texts(spec.path("config"))));
        }
        return topics;
    }
}
