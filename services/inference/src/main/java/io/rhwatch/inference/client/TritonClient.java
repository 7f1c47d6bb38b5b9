package io.rhwatch.inference.client;

import inference.GRPCInferenceServiceGrpc;
import inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelReadyResponse;
import inference.GrpcService.ModelStreamInferResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Talks to Triton (or the simulator) over KServe v2 gRPC. Generations go through ModelStreamInfer,
 * one stream per generation, because the vLLM backend is decoupled and answers on no other RPC.
 */
@ApplicationScoped
public class TritonClient {

    private static final Set<Status.Code> TRANSIENT = EnumSet.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

    @GrpcClient("triton")
    Channel channel;

    private final InferenceConfig config;
    private final MeterRegistry metrics;
    private final String address;
    /** Models that ModelReady confirmed once; a model unloaded later is caught by the stream's error message. */
    private final Set<String> servedModels = ConcurrentHashMap.newKeySet();

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

    /**
     * Runs one generation to its end. Fails with {@link UnknownModelException} if Triton does not serve the
     * model, or with {@link TritonCallException} once the call was rejected or still fails after the retries.
     */
    public Uni<Generation> generate(GenerationRequest request) {
        Uni<Generation> generation = Uni.createFrom().emitter(emitter -> {
            GenerationCollector collector = new GenerationCollector(request.model(), emitter);
            collector.start(stub().modelStreamInfer(collector));
            collector.send(InferRequestEncoder.encode(request));
        });
        return ensureServed(request.model()).chain(() -> withRetries(request.model(), generation));
    }

    private Uni<Void> ensureServed(String model) {
        if (servedModels.contains(model)) {
            return Uni.createFrom().voidItem();
        }
        Uni<ModelReadyResponse> readiness = Uni.createFrom().emitter(emitter ->
                stub().modelReady(ModelReadyRequest.newBuilder().setName(model).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(ModelReadyResponse response) {
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
        return withRetries(model, readiness).invoke(response -> {
            if (!response.getReady()) {
                throw new UnknownModelException(notServed(model, "ModelReady answered ready=false"));
            }
            servedModels.add(model);
        }).replaceWithVoid();
    }

    private <T> Uni<T> withRetries(String model, Uni<T> call) {
        InferenceConfig.Retry retry = config.retry();
        Uni<T> retried = retry.maxRetries() == 0 ? call : call
                .onFailure(failure -> isTransient(model, failure)).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .withJitter(retry.jitter())
                .atMost(retry.maxRetries());
        return retried.onFailure(failure -> !(failure instanceof UnknownModelException || failure instanceof TritonCallException))
                .transform(failure -> explain(model, failure));
    }

    private boolean isTransient(String model, Throwable failure) {
        if (failure instanceof StatusRuntimeException status && TRANSIENT.contains(status.getStatus().getCode())) {
            metrics.counter("rhwatch.inference.triton.transient.errors",
                    "model", model, "code", status.getStatus().getCode().name()).increment();
            return true;
        }
        return false;
    }

    /** Mutiny wraps the last failure when the retries run out; name the model, the server and the gRPC status. */
    private RuntimeException explain(String model, Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StatusRuntimeException)) {
            cause = cause.getCause();
        }
        if (cause instanceof StatusRuntimeException status) {
            Status.Code code = status.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                return new UnknownModelException(notServed(model, status.getMessage()));
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

    private String notServed(String model, String detail) {
        return "model '" + model + "' is not served by Triton at " + address + ": " + detail;
    }

    private GRPCInferenceServiceStub stub() {
        return GRPCInferenceServiceGrpc.newStub(channel)
                .withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Collects one generation's streamed responses until the one flagged triton_final_response. */
    private final class GenerationCollector implements StreamObserver<ModelStreamInferResponse> {

        private final String model;
        private final UniEmitter<? super Generation> emitter;
        private final long startedAt = System.nanoTime();
        private final List<Chunk> chunks = new ArrayList<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private String finishReason = "";
        private volatile StreamObserver<ModelInferRequest> requests;

        GenerationCollector(String model, UniEmitter<? super Generation> emitter) {
            this.model = model;
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
                fail(new TritonCallException("model '" + model + "': unreadable response from Triton at " + address
                        + ": " + e.getMessage(), e));
                return;
            }
            long elapsed = System.nanoTime() - startedAt;
            if (!decoded.text().isEmpty() || decoded.tokens() > 0) {
                chunks.add(new Chunk(decoded.text(), decoded.tokens(), elapsed));
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
                emitter.fail(new TritonCallException("model '" + model + "': Triton at " + address
                        + " ended the stream without a response flagged triton_final_response", null));
            }
        }

        private RuntimeException errorOf(String errorMessage) {
            // Triton: "Request for unknown model: 'x' is not found" (or "... has no available versions")
            if (errorMessage.toLowerCase(Locale.ROOT).contains("unknown model")) {
                return new UnknownModelException(notServed(model, errorMessage));
            }
            return new TritonCallException("model '" + model + "': Triton at " + address + " answered with an error: "
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
