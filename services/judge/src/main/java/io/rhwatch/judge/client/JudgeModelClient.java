package io.rhwatch.judge.client;

import inference.MutinyGRPCInferenceServiceGrpc.MutinyGRPCInferenceServiceStub;
import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.rhwatch.judge.config.JudgeConfig;
import io.rhwatch.triton.CallSettings;
import io.rhwatch.triton.Contract;
import io.rhwatch.triton.Generation;
import io.rhwatch.triton.GenerationRequest;
import io.rhwatch.triton.ModelClient;
import io.rhwatch.triton.ModelImage;
import io.rhwatch.triton.ModelLimits;
import io.rhwatch.triton.TritonClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the judge model on Triton (vLLM backend, the gRPC client "judge-triton") for one reply through the shared
 * Triton client: the prompt, and the image when the judge sees images; not streamed, greedy; each attempt with its own
 * deadline, transient failures retried with backoff. One question at a time, so neither an in-flight limit nor a circuit breaker.
 */
@ApplicationScoped
public class JudgeModelClient {

    private final JudgeConfig.Llm config;
    private final ModelClient judge;

    JudgeModelClient(JudgeConfig config, MeterRegistry metrics,
                     @GrpcClient("judge-triton") MutinyGRPCInferenceServiceStub stub,
                     @ConfigProperty(name = "quarkus.grpc.clients.judge-triton.host", defaultValue = "localhost") String host,
                     @ConfigProperty(name = "quarkus.grpc.clients.judge-triton.port", defaultValue = "8001") int port) {
        this.config = config.llm();
        String address = host + ":" + port;
        JudgeConfig.Retry retry = this.config.retry();
        TritonClient triton = new TritonClient(stub, address, new CallSettings("rhwatch.judge.llm", "rhwatch.judge",
                model -> "llm judge: model '" + model + "' at " + address, this.config.callDeadline(),
                // no jitter: with one question at a time, no retries come back in lockstep
                retry.maxRetries(), retry.initialBackoff(), retry.maxBackoff(), Duration.ZERO), metrics);
        this.judge = triton.model(this.config.model(), ModelLimits.NONE);
    }

    /**
     * The judge model's reply to {@code prompt} (the full text, template applied), sent with {@code image} (an encoded
     * PNG or JPEG, as the vLLM backend's {@code image} input) when present. Fails with
     * {@link io.rhwatch.triton.TritonCallException} or {@link io.rhwatch.triton.UnknownModelException}, naming the
     * judge model and the server, once the call was rejected or still fails after the retries.
     */
    public Uni<String> reply(String requestId, String prompt, Optional<ByteString> image) {
        GenerationRequest request = image
                .map(encoded -> new GenerationRequest(config.model(), requestId, prompt, new ModelImage(encoded),
                        config.maxTokens(), List.of(), false))
                .orElseGet(() -> GenerationRequest.textOnly(config.model(), requestId, prompt, config.maxTokens()));
        return judge.generate(Contract.VLLM, Set.of(), request).map(Generation::text);
    }
}
