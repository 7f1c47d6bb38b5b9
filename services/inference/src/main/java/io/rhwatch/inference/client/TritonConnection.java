package io.rhwatch.inference.client;

import inference.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.triton.CallSettings;
import io.rhwatch.triton.TritonClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Triton this service calls: the gRPC client "triton" with the service's deadline and retries. */
@ApplicationScoped
class TritonConnection {

    @GrpcClient("triton")
    MutinyGRPCInferenceServiceStub stub;

    @Produces
    @Singleton
    TritonClient triton(InferenceConfig config, MeterRegistry metrics,
                        @ConfigProperty(name = "quarkus.grpc.clients.triton.host", defaultValue = "localhost") String host,
                        @ConfigProperty(name = "quarkus.grpc.clients.triton.port", defaultValue = "8001") int port) {
        String address = host + ":" + port;
        InferenceConfig.Retry retry = config.retry();
        return new TritonClient(stub, address, new CallSettings("rhwatch.inference", "rhwatch.inference",
                model -> "model '" + model + "': Triton at " + address, config.callDeadline(),
                retry.maxRetries(), retry.initialBackoff(), retry.maxBackoff(), retry.jitter()), metrics);
    }
}
