package io.rhwatch.cli.mesh;

import io.rhwatch.cli.kafka.KafkaConnection;
import io.rhwatch.cli.process.Launch;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.core.mesh.Platform;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the launcher tells each service about where to listen and which token to demand. */
class LaunchPlanTest {

    private static final KafkaConnection KAFKA = KafkaConnection.plaintext("localhost:9092");

    @Test
    void everyServiceListensOnLoopbackUnlessToldOtherwise() {
        MeshOptions options = MeshOptions.defaults(Path.of("home"), Path.of("run"));
        LaunchPlan plan = LaunchPlan.choosePorts(options, new Ports());

        for (MeshService service : MeshService.values()) {
            assertThat(plan.environment(service, KAFKA)).as(service.id()).containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1");
        }
        assertThat(plan.environment(MeshService.MODEL_SIM, KAFKA)).containsEntry("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");

        LaunchPlan everywhere = LaunchPlan.choosePorts(options.withListenAddress("0.0.0.0"), new Ports());
        assertThat(everywhere.environment(MeshService.INGESTION, KAFKA)).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
    }

    @Test
    void theServicesWithProtectedEndpointsGetTheToken() {
        String token = "the-run-s-token-0123456789-0123456789";
        LaunchPlan plan = LaunchPlan.choosePorts(MeshOptions.defaults(Path.of("home"), Path.of("run")).withAuthToken(token), new Ports());

        assertThat(plan.environment(MeshService.INGESTION, KAFKA)).containsEntry("RHWATCH_AUTH_TOKEN", token);
        assertThat(plan.environment(MeshService.AGGREGATOR, KAFKA)).containsEntry("RHWATCH_AUTH_TOKEN", token);
        Map<String, String> judge = plan.environment(MeshService.JUDGE, KAFKA);
        assertThat(judge).doesNotContainKey("RHWATCH_AUTH_TOKEN");
    }

    @Test
    void anAddressTheLauncherCannotReachItsServicesOnIsRefused() {
        assertThatThrownBy(() -> MeshOptions.defaults(Path.of("home"), Path.of("run")).withListenAddress("192.0.2.7"))
                .hasMessageContaining("got '192.0.2.7'");
    }

    @Test
    void ingestionMayImportOnlyFromTheRunsDatasetsDirectory() {
        Path runDir = Path.of("/tmp/rhwatch-run");
        LaunchPlan plan = LaunchPlan.choosePorts(MeshOptions.defaults(Path.of("."), runDir), new Ports());

        Map<String, String> ingestion = plan.environment(MeshService.INGESTION, KafkaConnection.plaintext("localhost:9092"));

        assertThat(ingestion).containsEntry("RHWATCH_INGESTION_IMPORT_ROOT", runDir.resolve("datasets").toString());
        assertThat(Path.of(ingestion.get("RHWATCH_INGESTION_IMPORT_ROOT")).startsWith(Mesh.logsDir(runDir))).isFalse();
        assertThat(plan.environment(MeshService.JUDGE, KafkaConnection.plaintext("localhost:9092")))
                .doesNotContainKey("RHWATCH_INGESTION_IMPORT_ROOT");
    }

    @Test
    void anotherInstanceHasItsOwnNamePortAndLogAndOtherwiseTheFirstOnesConfiguration() {
        LaunchPlan plan = LaunchPlan.choosePorts(MeshOptions.defaults(Path.of("home"), Path.of("run")), new Ports());
        Launch first = plan.services(KAFKA).stream().filter(l -> l.name().equals("inference")).findFirst().orElseThrow();

        Launch second = plan.instance(MeshService.INFERENCE, "inference-2", 18083, KAFKA);

        assertThat(second.log()).isEqualTo(Mesh.logsDir(Path.of("run")).resolve("inference-2.log"));
        assertThat(second.httpPort()).isEqualTo(18083);
        assertThat(second.command()).isEqualTo(first.command());
        Map<String, String> firstEnv = new HashMap<>(first.env());
        firstEnv.put("QUARKUS_HTTP_PORT", "18083");
        assertThat(second.env()).isEqualTo(firstEnv);
    }

    @Test
    void theTopicsGetTheLaunchersPartitionsOrADeploymentsWhereInstancesScaleOut() {
        assertThat(LaunchPlan.topics(Platform.LAUNCHER)).filteredOn(t -> t.name().equals(MeshPlan.PROBES))
                .singleElement().satisfies(t -> assertThat(t.numPartitions()).isEqualTo(2));
        assertThat(LaunchPlan.topics(Platform.KUBERNETES)).filteredOn(t -> t.name().equals(MeshPlan.PROBES))
                .singleElement().satisfies(t -> assertThat(t.numPartitions()).isEqualTo(6));
    }
}
