package io.rhwatch.cli.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConnectionTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";

    @Test
    void readsTheSecurityVariablesTheServicesRead() {
        KafkaConnection kafka = KafkaConnection.fromEnvironment("broker:9092", Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                "KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092",
                "KAFKA_STREAMS_STATE_DIR", "/tmp/x",
                "PATH", "/usr/bin"));

        assertThat(kafka.security()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", JAAS,
                "ssl.truststore.location", "/etc/kafka/ca.p12"));
        assertThat(kafka.clientConfig(Map.of("group.id", "g")))
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("sasl.jaas.config", JAAS)
                .containsEntry("group.id", "g");
    }

    @Test
    void givesTheServicesAndKafkaStreamsTheSameSettingsUnderTheirOwnNames() {
        KafkaConnection kafka = new KafkaConnection("broker:9092", Map.of(
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS));

        assertThat(kafka.serviceEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", JAAS));
        assertThat(kafka.kafkaStreamsEnvironment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", "broker:9092",
                "QUARKUS_KAFKA_STREAMS_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "QUARKUS_KAFKA_STREAMS_SASL_MECHANISM", "SCRAM-SHA-512",
                "QUARKUS_KAFKA_STREAMS_SASL_JAAS_CONFIG", JAAS));
        // read back, the services' names give the same settings
        assertThat(KafkaConnection.fromEnvironment("broker:9092", kafka.serviceEnvironment())).isEqualTo(kafka);
    }

    @Test
    void theLaunchersOwnBrokerIsPlaintextWhateverTheShellSays() {
        assertThat(KafkaConnection.plaintext("localhost:1").serviceEnvironment())
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
    }
}
