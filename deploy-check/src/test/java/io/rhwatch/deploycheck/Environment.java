package io.rhwatch.deploycheck;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an environment variable a manifest sets reaches the service: it must be the environment
 * form of a property in the service's application.properties (MicroProfile Config: every character
 * other than a letter or digit becomes '_', upper case), or a variable the docs name for the service.
 */
final class Environment {

    /** Read by the base image's run-java.sh (Dockerfiles), not by Quarkus. */
    static final Set<String> IMAGE_VARIABLES = Set.of("LANGUAGE", "JAVA_OPTS_APPEND", "JAVA_APP_JAR");

    /** Documented variables whose property has a default in code rather than a line in application.properties. */
    private static final Map<String, String> DOCUMENTED = Map.ofEntries(
            Map.entry("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", "aggregator"),
            Map.entry("QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL", "aggregator"),
            Map.entry("QUARKUS_KAFKA_STREAMS_SASL_MECHANISM", "aggregator"),
            Map.entry("QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG", "aggregator"),
            Map.entry("KAFKA_STREAMS_STATE_DIR", "aggregator"),
            Map.entry("QUARKUS_GRPC_CLIENTS_TRITON_HOST", "inference"),
            Map.entry("QUARKUS_GRPC_CLIENTS_TRITON_PORT", "inference"),
            Map.entry("RHWATCH_INFERENCE_SERVED_MODELS", "inference"),
            Map.entry("RHWATCH_CORRUPTION_MODELS", "corruption"),
            // docs/ARCHITECTURE.md, "LLM judge": defaults in JudgeConfig
            Map.entry("RHWATCH_JUDGE_LLM_ENABLED", "judge"),
            Map.entry("RHWATCH_JUDGE_LLM_MODEL", "judge"),
            Map.entry("RHWATCH_JUDGE_LLM_RUBRIC", "judge"),
            Map.entry("RHWATCH_JUDGE_LLM_SEES_IMAGE", "judge"),
            // docs/DEPLOYMENT.md, "Environment" and "A judge that sees the image": defaults in the config mappings
            Map.entry("RHWATCH_INFERENCE_MAX_IN_FLIGHT", "inference"),
            Map.entry("RHWATCH_INFERENCE_IMAGE_FOR_JUDGE", "inference"),
            Map.entry("RHWATCH_CORRUPTION_IMAGE_FOR_JUDGE", "corruption"),
            // docs/TRAFFIC.md: the traffic mode of models without their own settings
            Map.entry("RHWATCH_INGESTION_TRAFFIC_DEFAULTS_MODE", "ingestion"));

    /** Kafka client settings every Kafka service takes from the environment (kafka.* defaults of its channels). */
    static final Set<String> KAFKA_CLIENT_VARIABLES = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG");

    /** kafka.bootstrap.servers: never in application.properties (docs/ARCHITECTURE.md), read by every Kafka service. */
    static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

    private Environment() {
    }

    /** The environment variable of a property; a profile prefix such as %test. is dropped. */
    static String variableOf(String property) {
        String unprofiled = property.startsWith("%") ? property.substring(property.indexOf('.') + 1) : property;
        return unprofiled.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static List<String> problems(String where, ServiceModule module, Collection<String> variables) {
        Set<String> fromProperties = module.properties().keySet().stream()
                .map(Environment::variableOf).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (String variable : variables) {
            boolean known = fromProperties.contains(variable)
                    || (variable.equals(KAFKA_BOOTSTRAP_SERVERS) || KAFKA_CLIENT_VARIABLES.contains(variable)) && module.usesKafka()
                    || module.name().equals(DOCUMENTED.get(variable));
            if (!known) {
                problems.add(where + ": " + variable + " sets nothing " + module.path() + " reads: no key of its "
                        + "application.properties has this environment form, and it is not a documented variable of " + module.name());
            }
        }
        return problems;
    }
}
