package io.rhwatch.deploycheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mesh plan against the services' code: it has every topic they use, no other, each big enough for their records. */
class MeshPlanTest {

    @Test
    void thePlanHasExactlyTheTopicsTheServicesUse() {
        assertThat(MeshPlanChecks.planCoversTheServices(Repository.services())).isEmpty();
    }
}
