package io.rhwatch.inference.health;

import io.rhwatch.inference.client.ContractCheck;
import io.rhwatch.inference.client.ModelStatus;
import io.rhwatch.inference.client.TritonModel;
import io.rhwatch.inference.client.TritonModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Triton is ready, every configured model is served, and no known model's metadata contradicts its
 * contract. A model only named by a probe that Triton does not serve is that probe's problem (it is dead-lettered),
 * not the service's. Each model's state is in the check's data, by name.
 */
@Readiness
@ApplicationScoped
public class TritonReadinessCheck implements HealthCheck {

    private final ContractCheck check;
    private final TritonModels models;

    TritonReadinessCheck(ContractCheck check, TritonModels models) {
        this.check = check;
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("triton").withData("server", check.server());
        boolean up = check.serverReady();
        for (TritonModel model : models.all()) {
            ModelStatus status = model.status();
            response.withData("model " + model.name(), status.state() + ": " + status.detail());
            boolean required = model.configured() || status.state() == ModelStatus.State.CONTRACT_MISMATCH;
            up &= !required || status.ready();
        }
        return response.status(up).build();
    }
}
