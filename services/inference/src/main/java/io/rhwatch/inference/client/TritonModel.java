package io.rhwatch.inference.client;

import io.rhwatch.inference.domain.PromptTemplate;
import io.rhwatch.triton.Contract;
import io.rhwatch.triton.Generation;
import io.rhwatch.triton.GenerationRequest;
import io.rhwatch.triton.ModelClient;
import io.rhwatch.triton.UnknownModelException;
import io.smallrye.mutiny.Uni;

/**
 * One model as this service calls it: its contract and prompt (from configuration), its guarded calls (in-flight
 * limit, circuit breaker, retries) and what the last contract check found.
 *
 * @param configured named in rhwatch.inference.served-models or under rhwatch.inference.models (not only seen in probes)
 */
public final class TritonModel {

    private final boolean configured;
    private final String version;
    private final Contract contract;
    private final PromptTemplate prompt;
    private final ModelClient calls;
    private volatile ModelStatus status = ModelStatus.UNCHECKED;

    TritonModel(boolean configured, String version, Contract contract, PromptTemplate prompt, ModelClient calls) {
        this.configured = configured;
        this.version = version;
        this.contract = contract;
        this.prompt = prompt;
        this.calls = calls;
    }

    /**
     * Runs one generation on this model, which passed its contract check. Fails with {@link UnknownModelException} if
     * Triton no longer serves it (it is then checked again before its next call), or with
     * {@link io.rhwatch.triton.TritonCallException} once the call was rejected or still fails after the retries.
     */
    public Uni<Generation> generate(GenerationRequest request) {
        return calls.generate(contract, status.offered(), request)
                .onFailure(UnknownModelException.class).invoke(() -> status(ModelStatus.UNCHECKED));
    }

    /** The configured version (rhwatch.inference.models."<name>".version), "default" when none is. */
    public String version() {
        return version;
    }

    public String name() {
        return calls.name();
    }

    public boolean configured() {
        return configured;
    }

    public Contract contract() {
        return contract;
    }

    public PromptTemplate prompt() {
        return prompt;
    }

    public ModelStatus status() {
        return status;
    }

    void status(ModelStatus status) {
        this.status = status;
    }

    ModelClient calls() {
        return calls;
    }
}
