package io.rhwatch.triton;

import inference.GrpcService.ModelInferRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generations of one model, each attempt guarded by the model's own SmallRye Fault Tolerance guard: retries with
 * backoff around its circuit breaker around its in-flight limit (a bulkhead). Waiting for a slot holds no thread, and
 * nothing waits without bound: the service bounds the generations it asks for (inference: max-in-flight probes).
 */
public final class ModelClient {

    /**
     * What a generation is retried on. Not DEADLINE_EXCEEDED: a generation that outran its deadline would do so again,
     * holding the GPU for another whole deadline each time.
     */
    static final Set<Status.Code> GENERATION_RETRIED = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED);
    private static final TypeLiteral<Uni<Generation>> GENERATION = new TypeLiteral<>() { };

    private final TritonClient triton;
    private final String name;
    private final ModelLimits limits;
    private final Guard guard;
    private final Tags tags;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean circuitOpen;

    ModelClient(TritonClient triton, String name, ModelLimits limits) {
        this.triton = triton;
        this.name = name;
        this.limits = limits;
        this.tags = Tags.of("model", name);
        MeterRegistry metrics = triton.metrics();
        String prefix = triton.settings().metricPrefix();
        Guard.Builder builder = Guard.create().withDescription("model '" + name + "' on Triton at " + triton.address())
                .withRetry().with(retry -> triton.retries(retry, GENERATION_RETRIED)).done();
        limits.maxInFlight().ifPresent(max -> builder.withBulkhead()
                .limit(max)
                // the queue is an unbounded deque in any case; how many wait is bounded by the callers' own limits
                .queueSize(Integer.MAX_VALUE - max)
                .onAccepted(waiting::incrementAndGet)
                .done());
        limits.breaker().ifPresent(breaker -> builder.withCircuitBreaker()
                .requestVolumeThreshold(breaker.window())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.openFor().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                // only failures that say nothing about the request count against the model
                .when(failure -> failure instanceof StatusRuntimeException status
                        && TritonClient.TRANSIENT.contains(status.getStatus().getCode()))
                .onStateChange(state -> {
                    circuitOpen = state != CircuitBreakerState.CLOSED;
                    if (state == CircuitBreakerState.OPEN) {
                        metrics.counter(prefix + ".circuit.opened", tags).increment();
                    }
                })
                .done());
        this.guard = builder.build();
    }

    public String name() {
        return name;
    }

    /**
     * Runs one generation to its end. Fails with {@link UnknownModelException} if Triton does not serve the model,
     * or with {@link TritonCallException} once the call was rejected or still fails after the retries. Cancelling
     * the returned Uni ends the call on Triton and frees its slot.
     *
     * @param offered the optional inputs the model's metadata offers (see {@link Contract#offeredOptionalInputs})
     */
    public Uni<Generation> generate(Contract contract, Set<String> offered, GenerationRequest request) {
        ModelInferRequest encoded = contract.encode(request, offered);
        boolean countsTokens = offered.contains(Contract.RETURN_NUM_OUTPUT_TOKENS);
        return Uni.createFrom().deferred(() -> {
            // Fault Tolerance does not pass a cancellation on to the guarded call: this does
            CompletableFuture<Void> abandoned = new CompletableFuture<>();
            return guard.get(() -> attempt(encoded, countsTokens, abandoned), GENERATION)
                    .onCancellation().invoke(() -> abandoned.complete(null))
                    .onFailure().transform(failure -> triton.explain(name, failure));
        });
    }

    /** One attempt, run once the in-flight limit lets it (at once without one). */
    private Uni<Generation> attempt(ModelInferRequest request, boolean countsTokens, CompletableFuture<Void> abandoned) {
        if (limits.maxInFlight().isPresent()) {
            waiting.decrementAndGet();
        }
        if (abandoned.isDone()) {
            return Uni.createFrom().failure(new CancellationException("generation no longer needed"));
        }
        inFlight.incrementAndGet();
        MeterRegistry metrics = triton.metrics();
        String prefix = triton.settings().metricPrefix();
        Timer.Sample started = Timer.start(metrics);
        return GenerationStream.run(triton, triton.stub(), request, countsTokens, abandoned)
                .onItem().invoke(generation -> {
                    count("OK");
                    started.stop(Timer.builder(prefix + ".triton.latency").tags(tags).publishPercentileHistogram().register(metrics));
                    metrics.counter(prefix + ".triton.tokens", tags).increment(generation.tokens());
                })
                .onFailure().invoke(failure -> {
                    // errors Triton reports inside the stream count as UNKNOWN
                    Status.Code code = failure instanceof StatusRuntimeException status ? status.getStatus().getCode() : Status.Code.UNKNOWN;
                    if (TritonClient.TRANSIENT.contains(code)) {
                        metrics.counter(prefix + ".triton.transient.errors", tags.and("code", code.name())).increment();
                    }
                    count(code.name());
                })
                .onTermination().invoke(inFlight::decrementAndGet);
    }

    private void count(String status) {
        triton.metrics().counter(triton.settings().metricPrefix() + ".triton.requests", tags.and("status", status)).increment();
    }

    /** Publishes the in-flight, waiting and circuit-state gauges of this model. */
    public void publishGauges() {
        MeterRegistry metrics = triton.metrics();
        String prefix = triton.settings().metricPrefix();
        // Strong references: a model client lives as long as the service, and a gauge whose weakly held state was
        // collected reads NaN and drops out of the scrape (seen when tests restart the application in one JVM).
        Gauge.builder(prefix + ".triton.in.flight", inFlight, AtomicInteger::get).tags(tags).strongReference(true).register(metrics);
        Gauge.builder(prefix + ".triton.waiting", waiting, AtomicInteger::get).tags(tags).strongReference(true).register(metrics);
        Gauge.builder(prefix + ".circuit.open", this, model -> model.circuitOpen ? 1 : 0).tags(tags).strongReference(true)
                .register(metrics);
    }

    /** Attempts being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Attempts waiting for a slot. */
    public int waiting() {
        return waiting.get();
    }

    /** The circuit breaker is open or half-open. */
    public boolean circuitOpen() {
        return circuitOpen;
    }
}
