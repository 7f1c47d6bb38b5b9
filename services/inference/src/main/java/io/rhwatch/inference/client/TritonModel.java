package io.rhwatch.inference.client;

import io.rhwatch.inference.service.PromptTemplate;

/**
 * One model as this service calls it: its contract and prompt (from configuration), its in-flight limit, its
 * circuit breaker and what the last contract check found.
 *
 * @param configured named in rhwatch.inference.served-models or under rhwatch.inference.models (not only seen in probes)
 */
public final class TritonModel {

    private final String name;
    private final boolean configured;
    private final Contract contract;
    private final PromptTemplate prompt;
    private final InFlightLimit limit;
    private final CircuitBreaker breaker;
    private volatile ModelStatus status = ModelStatus.UNCHECKED;

    TritonModel(String name, boolean configured, Contract contract, PromptTemplate prompt, InFlightLimit limit, CircuitBreaker breaker) {
        this.name = name;
        this.configured = configured;
        this.contract = contract;
        this.prompt = prompt;
        this.limit = limit;
        this.breaker = breaker;
    }

    public String name() {
        return name;
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

    InFlightLimit limit() {
        return limit;
    }

    CircuitBreaker breaker() {
        return breaker;
    }
}
