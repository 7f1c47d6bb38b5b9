package io.rhwatch.inference.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.config.InferenceConfig.PromptOverrides;
import io.rhwatch.inference.service.PromptTemplate;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this service calls: those configured under rhwatch.inference.models (built, and so checked, at start)
 * and any other a probe names (built with the service-wide settings when first seen).
 */
@ApplicationScoped
public class TritonModels {

    private final InferenceConfig config;
    private final MeterRegistry metrics;
    private final Map<String, TritonModel> models = new ConcurrentHashMap<>();

    TritonModels(InferenceConfig config, MeterRegistry metrics) {
        InferenceConfig.CircuitBreaker breaker = config.circuitBreaker();
        if (breaker.window() < 1) {
            throw new IllegalArgumentException("rhwatch.inference.circuit-breaker.window must be >= 1, was " + breaker.window());
        }
        if (!(breaker.failureRatio() > 0 && breaker.failureRatio() <= 1)) {
            throw new IllegalArgumentException("rhwatch.inference.circuit-breaker.failure-ratio must be in (0, 1], was " + breaker.failureRatio());
        }
        this.config = config;
        this.metrics = metrics;
        config.models().keySet().forEach(this::of);
    }

    /** The model of this name, built on first use. */
    public TritonModel of(String name) {
        return models.computeIfAbsent(name, this::build);
    }

    /** Every model known so far, configured ones first. */
    public List<TritonModel> all() {
        List<TritonModel> all = new ArrayList<>(models.values());
        all.sort((a, b) -> a.configured() == b.configured() ? a.name().compareTo(b.name()) : a.configured() ? -1 : 1);
        return all;
    }

    private TritonModel build(String name) {
        InferenceConfig.Model own = config.models().get(name);
        boolean configured = own != null;
        String key = configured ? "rhwatch.inference.models.\"" + name + "\"" : "rhwatch.inference";
        Contract contract = configured ? own.contract().orElse(config.contract()) : config.contract();
        int maxInFlight = configured ? own.maxInFlight().orElse(config.modelMaxInFlight()) : config.modelMaxInFlight();
        if (maxInFlight < 1) {
            throw new IllegalArgumentException(key + (configured && own.maxInFlight().isPresent() ? ".max-in-flight" : ".model-max-in-flight")
                    + " must be >= 1, was " + maxInFlight);
        }
        InferenceConfig.Prompt defaults = config.prompt();
        PromptOverrides overrides = configured ? own.prompt() : null;
        PromptTemplate prompt = new PromptTemplate(key + ".prompt",
                overrides == null ? defaults.template() : overrides.template().orElse(defaults.template()),
                overrides == null ? defaults.system() : overrides.system().orElse(defaults.system()),
                overrides == null ? defaults.thinkOpen() : overrides.thinkOpen().orElse(defaults.thinkOpen()),
                overrides == null ? defaults.thinkEnd() : overrides.thinkEnd().orElse(defaults.thinkEnd()),
                (overrides == null ? defaults.answerOpen() : overrides.answerOpen().or(defaults::answerOpen)).orElse(""),
                (overrides == null ? defaults.answerClose() : overrides.answerClose().or(defaults::answerClose)).orElse(""));
        InFlightLimit limit = new InFlightLimit(maxInFlight);
        Tags tags = Tags.of("model", name);
        InferenceConfig.CircuitBreaker settings = config.circuitBreaker();
        CircuitBreaker breaker = new CircuitBreaker(settings.window(), settings.failureRatio(), settings.openFor(),
                System::nanoTime, () -> metrics.counter("rhwatch.inference.circuit.opened", tags).increment());
        metrics.gauge("rhwatch.inference.triton.in.flight", tags, limit, InFlightLimit::inFlight);
        metrics.gauge("rhwatch.inference.triton.waiting", tags, limit, InFlightLimit::waiting);
        metrics.gauge("rhwatch.inference.circuit.open", tags, breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1);
        return new TritonModel(name, configured, contract, prompt, limit, breaker);
    }
}
