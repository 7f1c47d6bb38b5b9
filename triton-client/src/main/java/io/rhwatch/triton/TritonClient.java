package io.rhwatch.triton;

import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelReadyResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerLiveResponse;
import inference.GrpcService.ServerReadyRequest;
import inference.GrpcService.ServerReadyResponse;
import inference.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Triton (or the simulator) over KServe v2 gRPC, on Quarkus's Mutiny stub. Generations go through a
 * {@link ModelClient} per model ({@link #model}); the readiness and metadata calls are here. Every attempt has the
 * call deadline; transient failures are retried with exponential backoff by SmallRye Fault Tolerance.
 */
public final class TritonClient {

    /** Failures that say nothing about the request itself: retried, and counted by a model's circuit breaker. */
    static final Set<Status.Code> TRANSIENT = EnumSet.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

    private final MutinyGRPCInferenceServiceStub stub;
    private final String address;
    private final CallSettings settings;
    private final MeterRegistry metrics;
    private final Guard checks;

    /**
     * @param stub    the service's {@code @GrpcClient} stub
     * @param address host:port, for messages
     */
    public TritonClient(MutinyGRPCInferenceServiceStub stub, String address, CallSettings settings, MeterRegistry metrics) {
        this.stub = stub;
        this.address = address;
        this.settings = settings;
        this.metrics = metrics;
        this.checks = Guard.create().withDescription("Triton at " + address)
                .withRetry().with(retry -> retries(retry, TRANSIENT)).done()
                .build();
    }

    public String address() {
        return address;
    }

    /** The generations of one model, guarded by its own limits. */
    public ModelClient model(String name, ModelLimits limits) {
        return new ModelClient(this, name, limits);
    }

    public Uni<Boolean> serverLive() {
        return checked("(server)", () -> stub().serverLive(ServerLiveRequest.getDefaultInstance()),
                new TypeLiteral<Uni<ServerLiveResponse>>() { })
                .map(ServerLiveResponse::getLive);
    }

    public Uni<Boolean> serverReady() {
        return checked("(server)", () -> stub().serverReady(ServerReadyRequest.getDefaultInstance()),
                new TypeLiteral<Uni<ServerReadyResponse>>() { })
                .map(ServerReadyResponse::getReady);
    }

    /** Fails with {@link UnknownModelException} if Triton does not know the model. */
    public Uni<Boolean> modelReady(String model) {
        return checked(model, () -> stub().modelReady(ModelReadyRequest.newBuilder().setName(model).build()),
                new TypeLiteral<Uni<ModelReadyResponse>>() { })
                .map(ModelReadyResponse::getReady);
    }

    /** Fails with {@link UnknownModelException} if Triton does not know the model. */
    public Uni<ModelMetadataResponse> modelMetadata(String model) {
        return checked(model, () -> stub().modelMetadata(ModelMetadataRequest.newBuilder().setName(model).build()),
                new TypeLiteral<Uni<ModelMetadataResponse>>() { });
    }

    /** Why a model cannot be used: Triton does not serve it. */
    public String notServed(String model, String detail) {
        return "model '" + model + "' is not served by Triton at " + address + ": " + detail;
    }

    private <T> Uni<T> checked(String model, Supplier<Uni<T>> call, TypeLiteral<Uni<T>> type) {
        return checks.get(call, type).onFailure().transform(failure -> explain(model, failure));
    }

    /** The retry policy of these settings, retrying the given gRPC codes and refusals of an open circuit breaker. */
    void retries(Guard.Builder.RetryBuilder retry, Set<Status.Code> retried) {
        retry.maxRetries(settings.maxRetries())
                .delay(settings.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(settings.jitter().toMillis(), ChronoUnit.MILLIS)
                // no overall limit: each attempt has its deadline, and the number of attempts is bounded
                .maxDuration(0, ChronoUnit.MILLIS)
                .whenException(failure -> failure instanceof CircuitBreakerOpenException
                        || failure instanceof StatusRuntimeException status && retried.contains(status.getStatus().getCode()))
                .withExponentialBackoff().factor(2).maxDelay(settings.maxBackoff().toMillis(), ChronoUnit.MILLIS).done();
    }

    MutinyGRPCInferenceServiceStub stub() {
        return stub.withDeadlineAfter(settings.callDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    CallSettings settings() {
        return settings;
    }

    MeterRegistry metrics() {
        return metrics;
    }

    String subject(String model) {
        return settings.subject().apply(model);
    }

    /** What failed for good, naming the model, the server and the gRPC status (and the settings that apply). */
    RuntimeException explain(String model, Throwable failure) {
        if (failure instanceof TritonCallException || failure instanceof UnknownModelException) {
            return (RuntimeException) failure;
        }
        String subject = subject(model);
        int retries = settings.maxRetries();
        if (failure instanceof CircuitBreakerOpenException open) {
            return new TritonCallException(subject + ": circuit breaker open, calls paused; still refused after "
                    + retries + " retries (" + settings.configPrefix() + ".retry.max-retries)", open);
        }
        if (failure instanceof StatusRuntimeException status) {
            Status.Code code = status.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                return new UnknownModelException(notServed(model, status.getMessage()));
            }
            if (code == Status.Code.DEADLINE_EXCEEDED) {
                return new TritonCallException(subject + " did not answer within the call deadline of "
                        + settings.callDeadline() + " (" + settings.configPrefix() + ".call-deadline): " + describe(status), status);
            }
            if (TRANSIENT.contains(code)) {
                return new TritonCallException(subject + " still failing after " + retries + " retries: " + describe(status), status);
            }
            return new TritonCallException(subject + " rejected the call: " + describe(status), status);
        }
        return new TritonCallException(subject + ": the call failed: " + failure, failure);
    }

    /** The status and, for transport failures ("io exception"), what lies beneath, e.g. connection refused. */
    private static String describe(StatusRuntimeException status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? status.getMessage() : status.getMessage() + " (" + root + ")";
    }
}
