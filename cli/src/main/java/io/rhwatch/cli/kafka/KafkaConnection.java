package io.rhwatch.cli.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the CLI's Kafka clients, and the services the launcher starts, reach a broker: its bootstrap servers and
 * the client security settings (SASL, TLS). The settings come from the environment variables the services read
 * in Kubernetes ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_*}, {@code KAFKA_SSL_*}), mapped to client
 * properties as Quarkus maps them for SmallRye Kafka: {@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}.
 *
 * @param bootstrapServers the broker's address
 * @param security         client security properties, e.g. {@code security.protocol}, {@code sasl.mechanism}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {

    private static final String PREFIX = "KAFKA_";
    private static final String[] SECURITY_VARIABLES = {"KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_", "KAFKA_SSL_"};

    public KafkaConnection {
        security = Map.copyOf(security);
    }

    /** A broker without authentication, as the launcher's own: stated, so settings inherited from a shell cannot interfere. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
    }

    /** The broker at {@code bootstrapServers} with the security settings among {@code environment}'s variables. */
    public static KafkaConnection fromEnvironment(String bootstrapServers, Map<String, String> environment) {
        Map<String, String> security = new TreeMap<>();
        environment.forEach((name, value) -> {
            for (String variable : SECURITY_VARIABLES) {
                if (name.startsWith(variable)) {
                    security.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
                }
            }
        });
        return new KafkaConnection(bootstrapServers, security);
    }

    /** A client's configuration: {@code settings} with the bootstrap servers and the security settings added. */
    public Map<String, Object> clientConfig(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.putAll(security);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** The environment of a SmallRye Kafka service: the variables {@link #fromEnvironment} reads. */
    public Map<String, String> serviceEnvironment() {
        return environment(PREFIX);
    }

    /** The environment of the aggregator's Kafka Streams, which takes its client settings from {@code quarkus.kafka-streams.*}. */
    public Map<String, String> kafkaStreamsEnvironment() {
        return environment("QUARKUS_KAFKA_STREAMS_");
    }

    private Map<String, String> environment(String prefix) {
        Map<String, String> environment = new TreeMap<>();
        environment.put(prefix + "BOOTSTRAP_SERVERS", bootstrapServers);
        security.forEach((property, value) -> environment.put(prefix + property.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }
}
