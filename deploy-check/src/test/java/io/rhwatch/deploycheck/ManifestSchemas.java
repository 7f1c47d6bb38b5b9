package io.rhwatch.deploycheck;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates rendered manifests against the schemas of their kinds, strictly, as `kubectl apply` with server-side
 * field validation would: an unknown field, a value of the wrong type or an unknown enum value is a problem.
 * <ul>
 *   <li>Kubernetes' own kinds: fabric8's kubernetes-model (the version the Quarkus BOM manages);</li>
 *   <li>Strimzi's kinds: Strimzi's own API model (io.strimzi:api, the classes its operator parses them with);</li>
 *   <li>Prometheus Operator's kinds: fabric8's openshift-model-monitoring, generated from its CRDs;</li>
 *   <li>KEDA's kinds: the openAPIV3Schema of KEDA's published CRDs (src/test/resources/crds/keda).</li>
 * </ul>
 * The typed models keep unknown fields in an "additionalProperties" map instead of failing on them, so after
 * reading a document this walks the object graph and reports every field that landed there.
 */
final class ManifestSchemas {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    /** KEDA's kinds and the CRD file (src/test/resources/crds/keda) holding each one's schema. */
    private static final Map<String, String> CRDS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", "crds/keda/keda.sh_scaledobjects.yaml",
            "keda.sh/v1alpha1/TriggerAuthentication", "crds/keda/keda.sh_triggerauthentications.yaml");

    /** Strict reading: a string where a number or boolean belongs is an error, as it is for the API server. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ManifestSchemas() {
    }

    static List<String> problems(List<JsonNode> documents) {
        List<String> problems = new ArrayList<>();
        for (JsonNode document : documents) {
            problems.addAll(problems(document));
        }
        return problems;
    }

    static List<String> problems(JsonNode document) {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        String where = type + " " + document.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(type);
        if (model != null) {
            return typedProblems(where, document, model);
        }
        String crd = CRDS.get(type);
        if (crd != null) {
            return crdProblems(where, document, crd);
        }
        return List.of(where + ": no schema for this apiVersion and kind (ManifestSchemas knows " + new TreeSet<>(MODELS.keySet())
                + " and " + new TreeSet<>(CRDS.keySet()) + ")");
    }

    private static List<String> typedProblems(String where, JsonNode document, Class<?> model) {
        Object typed;
        try {
            typed = MAPPER.treeToValue(document, model);
        } catch (Exception e) {
            return List.of(where + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "", problems, new IdentityHashMap<>());
        return problems.stream().map(problem -> where + ": " + problem).toList();
    }

    /** Every field the model did not know, by its path in the document. */
    private static void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>
                || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> unknownFields(entry, path + "." + key, problems, seen));
            return;
        }
        if (value instanceof Collection<?> collection) {
            Iterator<?> items = collection.iterator();
            for (int i = 0; items.hasNext(); i++) {
                unknownFields(items.next(), path + "[" + i + "]", problems, seen);
            }
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) {
            return;
        }
        BeanDescription bean = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember getter = property.getAccessor();
            if (getter != null) {
                unknownFields(getter.getValue(value), path + "." + property.getName(), problems, seen);
            }
        }
        Map<?, ?> unknown = additionalProperties(value);
        if (!unknown.isEmpty()) {
            problems.add("unknown field" + (unknown.size() > 1 ? "s " : " ") + new TreeSet<>(unknown.keySet().stream().map(key -> (path.isEmpty() ? "" : path.substring(1) + ".") + key).toList())
                    + " (not in " + value.getClass().getSimpleName() + ")");
        }
    }

    private static Map<?, ?> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object map = getter.invoke(value);
            return map instanceof Map<?, ?> properties ? properties : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the unknown fields of " + value.getClass(), e);
        }
    }

    private static List<String> crdProblems(String where, JsonNode document, String crd) {
        JsonSchema schema = CrdSchema.of(crd, document.path("apiVersion").asText().replaceFirst(".*/", ""));
        Set<ValidationMessage> messages = schema.validate(document);
        return messages.stream().map(message -> where + ": " + message.getMessage()).sorted().toList();
    }

    /** A CRD's openAPIV3Schema as a strict JSON Schema: objects with listed properties admit no others. */
    static final class CrdSchema {

        private static final Map<String, JsonSchema> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        private CrdSchema() {
        }

        static JsonSchema of(String resource, String version) {
            return CACHE.computeIfAbsent(resource + "#" + version, key -> load(resource, version));
        }

        private static JsonSchema load(String resource, String version) {
            JsonNode crd;
            try (var in = ManifestSchemas.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no " + resource + " on the test class path");
                }
                crd = Yaml.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), resource);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (JsonNode served : crd.path("spec").path("versions")) {
                if (version.equals(served.path("name").asText())) {
                    JsonNode schema = served.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        }

        /** Structural-schema rules the API server applies that JSON Schema lacks: pruning made an error, int-or-string. */
        private static void strict(JsonNode node) {
            if (node instanceof ObjectNode schema) {
                if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
                    schema.remove("type");
                    schema.set("anyOf", Yaml.parse("[{type: integer}, {type: string}]", "int-or-string"));
                }
                if (schema.has("properties") && !schema.has("additionalProperties")
                        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                    schema.put("additionalProperties", false);
                }
                schema.fields().forEachRemaining(field -> strict(field.getValue()));
            } else if (node != null && node.isArray()) {
                node.forEach(CrdSchema::strict);
            }
        }
    }
}
