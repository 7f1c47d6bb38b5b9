package io.rhwatch.inference.client;

import inference.GRPCInferenceServiceGrpc;
import inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelStreamInferResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.grpc.GrpcClient;
import io.rhwatch.inference.client.InferResponseDecoder.Decoded;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.domain.Generation;
import io.rhwatch.inference.domain.Generation.Chunk;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Talks to Triton (or the simulator) over KServe v2 gRPC. Generations go through ModelStreamInfer, one stream per
 * generation, because the vLLM backend is decoupled and answers on no other RPC. Every attempt holds one of the
 * model's in-flight slots and passes its circuit breaker; each has its own deadline; transient failures are retried
 * with exponential backoff and jitter.
 */
@ApplicationScoped
public class TritonClient {

    /** Failures that say nothing about the request itself: they count against the model's circuit breaker. */
    private static final Set<Status.Code> TRANSIENT = EnumSet.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);
    /**
     * What a generation is retried on. Not DEADLINE_EXCEEDED: a generation that outran its deadline would do so again,
     * holding the GPU for another whole deadline each time.
     */
    static final Set<Status.Code> GENERATION_RETRIED = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED);

    @GrpcClient("triton")
    Channel channel;

    private final InferenceConfig config;
    private final MeterRegistry metrics;
    private final String address;

    @Inject
    TritonClient(InferenceConfig config, MeterRegistry metrics,
                 @ConfigProperty(name = "quarkus.grpc.clients.triton.host", defaultValue = "localhost") String host,
                 @ConfigProperty(name = "quarkus.grpc.clients.triton.port", defaultValue = "8001") int port) {
        InferenceConfig.Retry retry = config.retry();
        if (retry.maxRetries() < 0) {
            throw new IllegalArgumentException("rhwatch.inference.retry.max-retries must be >= 0, was " + retry.maxRetries());
        }
        if (retry.jitter() < 0 || retry.jitter() > 1) {
            throw new IllegalArgumentException("rhwatch.inference.retry.jitter must be between 0 and 1, was " + retry.jitter());
        }
        this.config = config;
        this.metrics = metrics;
        this.address = host + ":" + port;
    }

    String address() {
        return address;
    }

    /**
     * Runs one generation to its end on a model that passed its contract check. Fails with
     * {@link UnknownModelException} if Triton does not serve the model, or with {@link TritonCallException} once
     * the call was rejected or still fails after the retries.
     */
    public Uni<Generation> generate(TritonModel model, GenerationRequest request) {
        boolean countsTokens = model.status().offered().contains(Contract.RETURN_NUM_OUTPUT_TOKENS);
        ModelInferRequest encoded = model.contract().encode(request, model.status().offered());
        Uni<Generation> attempt = Uni.createFrom().emitter(emitter -> {
            GenerationCollector collector = new GenerationCollector(model, countsTokens, emitter);
            collector.start(stub().modelStreamInfer(collector));
            collector.send(encoded);
        });
        return withRetries(model.name(), guarded(model, attempt), GENERATION_RETRIED);
    }

    /** One attempt: wait for an in-flight slot, pass the breaker, call, and record the outcome. */
    private Uni<Generation> guarded(TritonModel model, Uni<Generation> call) {
        return model.limit().run(() -> attempt(model, model.name(), call));
    }

    private Uni<Generation> attempt(TritonModel model, String name, Uni<Generation> call) {
        if (!model.breaker().allow()) {
            return Uni.createFrom().<Generation>failure(new CircuitOpenException("model '" + name
                    + "': circuit breaker open, calls to Triton at " + address + " paused: " + model.breaker().describe()));
        }
        Timer.Sample started = Timer.start(metrics);
        return call
                .onItem().invoke(generation -> {
                    model.breaker().answered();
                    count(name, "OK");
                    started.stop(Timer.builder("rhwatch.inference.triton.latency").tag("model", name)
                            .publishPercentileHistogram().register(metrics));
                    metrics.counter("rhwatch.inference.triton.tokens", "model", name).increment(generation.tokens());
                })
                .onFailure().invoke(failure -> {
                    Status.Code code = codeOf(failure);
                    if (TRANSIENT.contains(code)) {
                        model.breaker().failed(code + ": " + failure.getMessage());
                    } else {
                        model.breaker().answered();
                    }
                    count(name, code.name());
                })
                .onCancellation().invoke(model.breaker()::abandoned);
    }

    private void count(String model, String status) {
        metrics.counter("rhwatch.inference.triton.requests", "model", model, "status", status).increment();
    }

    /** The gRPC status of a failed call; errors Triton reports inside the stream count as UNKNOWN. */
    private static Status.Code codeOf(Throwable failure) {
        return failure instanceof StatusRuntimeException status ? status.getStatus().getCode() : Status.Code.UNKNOWN;
    }

    /** A unary call (readiness, metadata) with the call deadline and the retries of a generation. */
    <T> Uni<T> unary(String model, BiConsumer<GRPCInferenceServiceStub, StreamObserver<T>> call) {
        Uni<T> attempt = Uni.createFrom().emitter(emitter -> call.accept(stub(), new StreamObserver<>() {
            @Override
            public void onNext(T response) {
                emitter.complete(response);
            }

            @Override
            public void onError(Throwable failure) {
                emitter.fail(failure);
            }

            @Override
            public void onCompleted() {
                // the response came in onNext
            }
        }));
        return withRetries(model, attempt, TRANSIENT);
    }

    private <T> Uni<T> withRetries(String model, Uni<T> call, Set<Status.Code> retriedOn) {
        InferenceConfig.Retry retry = config.retry();
        Uni<T> retried = retry.maxRetries() == 0 ? call : call
                .onFailure(failure -> isRetried(model, failure, retriedOn)).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .withJitter(retry.jitter())
                .atMost(retry.maxRetries());
        return retried.onFailure(failure -> !(failure instanceof UnknownModelException || failure instanceof TritonCallException))
                .transform(failure -> explain(model, failure));
    }

    private boolean isRetried(String model, Throwable failure, Set<Status.Code> retriedOn) {
        if (failure instanceof StatusRuntimeException status && retriedOn.contains(status.getStatus().getCode())) {
            metrics.counter("rhwatch.inference.triton.transient.errors",
                    "model", model, "code", status.getStatus().getCode().name()).increment();
            return true;
        }
        return failure instanceof CircuitOpenException;
    }

    /** Mutiny wraps the last failure when the retries run out; name the model, the server and the gRPC status. */
    private RuntimeException explain(String model, Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StatusRuntimeException) && !(cause instanceof CircuitOpenException)) {
            cause = cause.getCause();
        }
        if (cause instanceof CircuitOpenException open) {
            return new TritonCallException(open.getMessage() + "; still refused after " + config.retry().maxRetries() + " retries", open);
        }
        if (cause instanceof StatusRuntimeException status) {
            Status.Code code = status.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                return new UnknownModelException(notServed(model, status.getMessage()));
            }
            if (code == Status.Code.DEADLINE_EXCEEDED) {
                return new TritonCallException("model '" + model + "': Triton at " + address + " did not answer within "
                        + "the call deadline of " + config.callDeadline() + " (rhwatch.inference.call-deadline): "
                        + describe(status), status);
            }
            if (TRANSIENT.contains(code)) {
                return new TritonCallException("model '" + model + "': Triton at " + address + " still failing after "
                        + config.retry().maxRetries() + " retries: " + describe(status), status);
            }
            return new TritonCallException("model '" + model + "': Triton at " + address + " rejected the call: "
                    + describe(status), status);
        }
        return new TritonCallException("model '" + model + "': call to Triton at " + address + " failed: " + failure, failure);
    }

    /** The status and, for transport failures ("io exception"), what lies beneath, e.g. connection refused. */
    private static String describe(StatusRuntimeException status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? status.getMessage() : status.getMessage() + " (" + root + ")";
    }

    String notServed(String model, String detail) {
        return "model '" + model + "' is not served by Triton at " + address + ": " + detail;
    }

    private GRPCInferenceServiceStub stub() {
        return GRPCInferenceServiceGrpc.newStub(channel)
                .withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Collects one generation's streamed responses until the one flagged triton_final_response. */
    private final class GenerationCollector implements StreamObserver<ModelStreamInferResponse> {

        private final TritonModel model;
        private final boolean countsTokens;
        private final UniEmitter<? super Generation> emitter;
        private final long startedAt = System.nanoTime();
        private final List<Chunk> chunks = new ArrayList<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private String finishReason = "";
        private volatile StreamObserver<ModelInferRequest> requests;

        GenerationCollector(TritonModel model, boolean countsTokens, UniEmitter<? super Generation> emitter) {
            this.model = model;
            this.countsTokens = countsTokens;
            this.emitter = emitter;
        }

        void start(StreamObserver<ModelInferRequest> requests) {
            this.requests = requests;
            // cancelled by the caller (e.g. another level of the probe failed): end the call on Triton too
            emitter.onTermination(() -> {
                if (finished.compareAndSet(false, true)) {
                    requests.onError(Status.CANCELLED.withDescription("generation no longer needed").asRuntimeException());
                }
            });
        }

        void send(ModelInferRequest request) {
            requests.onNext(request);
        }

        @Override
        public void onNext(ModelStreamInferResponse response) {
            if (!response.getErrorMessage().isEmpty()) {
                fail(errorOf(response.getErrorMessage()));
                return;
            }
            Decoded decoded;
            try {
                decoded = InferResponseDecoder.decode(response.getInferResponse());
            } catch (IllegalArgumentException e) {
                fail(new TritonCallException("model '" + model.name() + "': unreadable response from Triton at " + address
                        + ": " + e.getMessage(), e));
                return;
            }
            long elapsed = System.nanoTime() - startedAt;
            // a model that does not report token counts streams one token per response
            int tokens = countsTokens ? decoded.tokens() : decoded.text().isEmpty() ? 0 : 1;
            if (!decoded.text().isEmpty() || tokens > 0) {
                chunks.add(new Chunk(decoded.text(), tokens, elapsed));
            }
            if (!decoded.finishReason().isEmpty()) {
                finishReason = decoded.finishReason();
            }
            if (decoded.last() && finished.compareAndSet(false, true)) {
                requests.onCompleted();
                emitter.complete(new Generation(chunks, finishReason, elapsed));
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
        }

        @Override
        public void onCompleted() {
            if (finished.compareAndSet(false, true)) {
                emitter.fail(new TritonCallException("model '" + model.name() + "': Triton at " + address
                        + " ended the stream without a response flagged triton_final_response", null));
            }
        }

        private RuntimeException errorOf(String errorMessage) {
            // Triton: "Request for unknown model: 'x' is not found" (or "... has no available versions")
            if (errorMessage.toLowerCase(Locale.ROOT).contains("unknown model")) {
                // unloaded since its check: check it again before its next call
                model.status(ModelStatus.UNCHECKED);
                return new UnknownModelException(notServed(model.name(), errorMessage));
            }
            return new TritonCallException("model '" + model.name() + "': Triton at " + address + " answered with an error: "
                    + errorMessage, null);
        }

        private void fail(RuntimeException failure) {
            if (finished.compareAndSet(false, true)) {
                requests.onError(Status.CANCELLED.withDescription(failure.getMessage()).asRuntimeException());
                emitter.fail(failure);
            }
        }
    }
}
