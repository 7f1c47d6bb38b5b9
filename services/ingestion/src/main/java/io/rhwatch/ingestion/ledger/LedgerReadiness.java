package io.rhwatch.ingestion.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the ledger of accepted samples is loaded: before, a sample sent again could not be called a duplicate. */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    private final AcceptedLedger ledger;

    public LedgerReadiness(AcceptedLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("accepted-samples ledger (rh.ingested)").status(ledger.isLoaded());
        return ledger.isLoaded() ? response.build() : response.withData("problem", ledger.problem()).build();
    }
}
