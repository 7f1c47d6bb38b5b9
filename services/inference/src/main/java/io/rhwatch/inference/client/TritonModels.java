package io.rhwatch.inference.client;

import io.quarkus.runtime.Startup;
import io.rhwatch.core.ModelKey;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.config.InferenceConfig.PromptOverrides;
import io.rhwatch.inference.domain.PromptTemplate;
import io.rhwatch.triton.Contract;
import io.rhwatch.triton.ModelLimits;
import io.rhwatch.triton.TritonClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this service calls: the configured ones (rhwatch.inference.served-models and rhwatch.inference.models,
 * built, and so checked, at start) and any other a probe names that Triton turned out to serve. A name Triton does
 * not serve is never kept, so probes naming arbitrary models cannot grow this registry or its metrics. Built at start,
 * so the configured models' gauges are exported before the first probe arrives (dashboards and alerts see them at once).
 */
@Startup
@ApplicationScoped
public class TritonModels {

    private final InferenceConfig config;
    private final TritonClient triton;
    private final ModelLimits.Breaker breaker;
    private final Map<String, TritonModel> models = new ConcurrentHashMap<>();

    TritonModels(InferenceConfig config, TritonClient triton) {
        InferenceConfig.CircuitBreaker breaker = config.circuitBreaker();
        this.breaker = new ModelLimits.Breaker("rhwatch.inference.circuit-breaker", breaker.window(), breaker.failureRatio(),
                breaker.openFor());
        this.config = config;
        this.triton = triton;
        config.servedModels().forEach(name -> register(build(name)));
        config.models().keySet().forEach(name -> register(build(name)));
    }

    /** The registered model of this name, if any. */
    public Optional<TritonModel> registered(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** A model no configuration names, with the service-wide settings; not registered until Triton serves it. */
    TritonModel candidate(String name) {
        return build(name);
    }

    /** Registers a model Triton serves; returns the one registered first if another probe got there before. */
    TritonModel register(TritonModel model) {
        TritonModel registered = models.putIfAbsent(model.name(), model);
        if (registered != null) {
            return registered;
        }
        model.calls().publishGauges();
        return model;
    }

    /** The configured models, which the periodic contract check covers. */
    public List<TritonModel> configured() {
        return all().stream().filter(TritonModel::configured).toList();
    }

    /** Every registered model, configured ones first. */
    public List<TritonModel> all() {
        List<TritonModel> all = new ArrayList<>(models.values());
        all.sort((a, b) -> a.configured() == b.configured() ? a.name().compareTo(b.name()) : a.configured() ? -1 : 1);
        return all;
    }

    private TritonModel build(String name) {
        InferenceConfig.Model own = config.models().get(name);
        boolean configured = own != null || config.servedModels().contains(name);
        boolean ownSettings = own != null;
        String key = ownSettings ? "rhwatch.inference.models.\"" + name + "\"" : "rhwatch.inference";
        Contract contract = ownSettings ? own.contract().orElse(config.contract()) : config.contract();
        int maxInFlight = ownSettings ? own.maxInFlight().orElse(config.modelMaxInFlight()) : config.modelMaxInFlight();
        String version = ownSettings ? own.version() : ModelKey.DEFAULT_VERSION;
        InferenceConfig.Prompt defaults = config.prompt();
        PromptOverrides overrides = ownSettings ? own.prompt() : null;
        PromptTemplate prompt = new PromptTemplate(key + ".prompt",
                overrides == null ? defaults.template() : overrides.template().orElse(defaults.template()),
                overrides == null ? defaults.system() : overrides.system().orElse(defaults.system()),
                overrides == null ? defaults.thinkOpen() : overrides.thinkOpen().orElse(defaults.thinkOpen()),
                overrides == null ? defaults.thinkEnd() : overrides.thinkEnd().orElse(defaults.thinkEnd()),
                overrides == null ? defaults.answerCue() : overrides.answerCue().orElse(defaults.answerCue()),
                (overrides == null ? defaults.answerOpen() : overrides.answerOpen().or(defaults::answerOpen)).orElse(""),
                (overrides == null ? defaults.answerClose() : overrides.answerClose().or(defaults::answerClose)).orElse(""));
        return new TritonModel(configured, version, contract, prompt,
                triton.model(name, new ModelLimits(OptionalInt.of(maxInFlight), Optional.of(breaker))));
    }
}
