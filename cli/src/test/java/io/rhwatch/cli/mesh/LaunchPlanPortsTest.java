package io.rhwatch.cli.mesh;

import io.rhwatch.cli.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchPlanPortsTest {

    @Test
    void withAnyFreePortsNoServiceGetsItsDefaultPortSoMeshesSideBySideNeverRaceForOne() {
        MeshOptions options = MeshOptions.defaults(Path.of("home"), Path.of("run")).withAnyFreePorts();

        LaunchPlan plan = LaunchPlan.choosePorts(options, new Ports());

        Set<Integer> defaults = Arrays.stream(MeshService.values()).map(MeshService::defaultHttpPort).collect(Collectors.toSet());
        List<Integer> chosen = Arrays.stream(MeshService.values()).map(plan::httpPort).toList();
        assertThat(chosen).doesNotContainAnyElementsOf(defaults).doesNotHaveDuplicates();
        assertThat(plan.environment(MeshService.MODEL_SIM, KafkaConnection.plaintext("localhost:9092")))
                .doesNotContainEntry("QUARKUS_GRPC_SERVER_PORT", String.valueOf(MeshService.MODEL_SIM_GRPC_PORT));
    }
}
