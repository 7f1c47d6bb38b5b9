package io.rhwatch.deploycheck;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the code. Compose itself cannot run here (no Docker engine): this is its check. */
class ComposeFileTest {

    private static List<ServiceModule> modules;
    private static ComposeChecks checks;

    @BeforeAll
    static void load() {
        modules = Repository.services();
        checks = new ComposeChecks(Yaml.read(Repository.root().resolve("docker-compose.yml")), modules);
    }

    @Test
    void theRepositoryHasTheSixServices() {
        assertThat(modules).extracting(ServiceModule::name)
                .contains("aggregator", "corruption", "inference", "ingestion", "judge", "model-sim");
    }

    @Test
    void everyServiceModuleIsBuiltFromItsDockerfile() {
        assertThat(checks.everyModuleIsBuiltAsAService()).isEmpty();
    }

    @Test
    void containerPortsAndHealthchecksAreTheServicesPorts() {
        assertThat(checks.portsAreTheServicesPorts()).isEmpty();
    }

    @Test
    void everyEnvironmentVariableSetsAPropertyOfItsService() {
        assertThat(checks.environmentReachesTheServices()).isEmpty();
    }

    @Test
    void kafkaServicesReachTheBrokerOnceTheTopicsExist() {
        assertThat(checks.kafkaServicesReachTheBrokerAfterTheTopics()).isEmpty();
    }

    @Test
    void topicInitCreatesExactlyTheTopicsOfTheMeshPlan() {
        assertThat(checks.topicInitFollowsTheMeshPlan()).isEmpty();
    }

    @Test
    void corruptionProbesWhatInferenceServesWithinItsBudgetLimit() {
        assertThat(checks.probeSettingsFollowTheMeshPlan()).isEmpty();
    }

    @Test
    void inferenceCallsTheModelServerOnItsGrpcPort() {
        assertThat(checks.modelServerIsWired()).isEmpty();
    }
}
