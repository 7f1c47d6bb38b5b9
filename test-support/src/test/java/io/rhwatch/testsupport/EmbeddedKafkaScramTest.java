package io.rhwatch.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SCRAM listener lets in the users it knows and turns the others away with an authentication error. */
class EmbeddedKafkaScramTest {

    static EmbeddedKafka.ScramCluster cluster;

    @BeforeAll
    static void start() {
        cluster = EmbeddedKafka.withScram(Map.of("alice", "alice-secret"));
    }

    @Test
    void aKnownUserIsServed() throws Exception {
        try (Admin admin = Admin.create(cluster.clientConfig("alice", "alice-secret"))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        try (Admin admin = Admin.create(cluster.clientConfig("alice", "not-her-password"))) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("Authentication failed");
        }
    }
}
