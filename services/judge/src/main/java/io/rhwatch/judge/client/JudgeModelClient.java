package io.rhwatch.judge.client;

import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelStreamInferResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.rhwatch.judge.config.JudgeConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the judge model on Triton (vLLM backend) for one reply, over KServe v2 gRPC {@code ModelStreamInfer} (the
 * backend is decoupled and answers on no other RPC): text only, not streamed, greedy. Each attempt has its own
 * deadline; transient failures are retried with exponential backoff. The inference service's client does the same
 * for the models under test; this one is kept small on purpose (one request, text out).
 */
@ApplicationScoped
public class JudgeModelClient {

    private static final Set<Status.Code> TRANSIENT = EnumSet.of(
            Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);
    private static final String FINAL_RESPONSE = "triton_final_response";
    private static final String TEXT_OUTPUT = "text_output";

    @GrpcClient("judge-triton")
    Channel channel;

    private final JudgeConfig.Llm config;
    private final String address;

    @Inject
    JudgeModelClient(JudgeConfig config,
                     @ConfigProperty(name = "quarkus.grpc.clients.judge-triton.host", defaultValue = "localhost") String host,
                     @ConfigProperty(name = "quarkus.grpc.clients.judge-triton.port", defaultValue = "8001") int port) {
        this.config = config.llm();
        if (this.config.retry().maxRetries() < 0) {
            throw new IllegalArgumentException("rhwatch.judge.llm.retry.max-retries must be >= 0, was " + this.config.retry().maxRetries());
        }
        if (this.config.maxTokens() < 1) {
            throw new IllegalArgumentException("rhwatch.judge.llm.max-tokens must be >= 1, was " + this.config.maxTokens());
        }
        this.address = host + ":" + port;
    }

    /** The judge model's reply to {@code prompt} (the full text, template applied). */
    public Uni<String> reply(String requestId, String prompt) {
        ModelInferRequest request = request(requestId, prompt);
        Uni<String> attempt = Uni.createFrom().emitter(emitter -> {
            ReplyCollector collector = new ReplyCollector(emitter);
            StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(channel)
                    .withDeadlineAfter(config.callDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .modelStreamInfer(collector);
            collector.requests = requests;
            requests.onNext(request);
        });
        JudgeConfig.Retry retry = config.retry();
        Uni<String> retried = retry.maxRetries() == 0 ? attempt : attempt
                .onFailure(JudgeModelClient::isTransient).retry()
                .withBackOff(retry.initialBackoff(), retry.maxBackoff())
                .atMost(retry.maxRetries());
        return retried.onFailure(failure -> !(failure instanceof JudgeCallException)).transform(this::explain);
    }

    /** The vLLM backend's inputs; no image: the judge reads the question, the standard answer and the response. */
    ModelInferRequest request(String requestId, String prompt) {
        String sampling = "{\"max_tokens\":" + config.maxTokens() + ",\"temperature\":0}";
        return ModelInferRequest.newBuilder()
                .setModelName(config.model())
                .setId(requestId)
                // so that the stream ends with a response flagged triton_final_response
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(bytes("text_input", prompt))
                .addInputs(bytes("sampling_parameters", sampling))
                .addInputs(bool("stream", false))
                .addInputs(bool("exclude_input_in_output", true))
                .build();
    }

    private static boolean isTransient(Throwable failure) {
        return failure instanceof StatusRuntimeException status && TRANSIENT.contains(status.getStatus().getCode());
    }

    /** Mutiny wraps the last failure when the retries run out: name the model, the server and the gRPC status. */
    private RuntimeException explain(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof StatusRuntimeException)) {
            cause = cause.getCause();
        }
        String judge = "llm judge: model '" + config.model() + "' at " + address;
        if (cause instanceof StatusRuntimeException status) {
            return TRANSIENT.contains(status.getStatus().getCode())
                    ? new JudgeCallException(judge + " still failing after " + config.retry().maxRetries() + " retries: "
                    + describe(status), status)
                    : new JudgeCallException(judge + " rejected the call: " + describe(status), status);
        }
        return new JudgeCallException(judge + ": the call failed: " + failure, failure);
    }

    /** The status and, for transport failures ("io exception"), what lies beneath, e.g. connection refused. */
    private static String describe(StatusRuntimeException status) {
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? status.getMessage() : status.getMessage() + " (" + root + ")";
    }

    private static InferInputTensor bytes(String name, String value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(value))).build();
    }

    private static InferInputTensor bool(String name, boolean value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value)).build();
    }

    /** The text of {@code text_output}, typed or, as Triton sends it, raw (each BYTES element prefixed by its length). */
    static String textOf(ModelInferResponse response) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            if (!response.getOutputs(i).getName().equals(TEXT_OUTPUT)) {
                continue;
            }
            InferTensorContents contents = response.getOutputs(i).getContents();
            if (contents.getBytesContentsCount() > 0) {
                contents.getBytesContentsList().forEach(element -> text.append(element.toStringUtf8()));
            } else if (i < response.getRawOutputContentsCount()) {
                ByteBuffer raw = response.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                while (raw.remaining() >= Integer.BYTES) {
                    int length = raw.getInt();
                    if (length < 0 || length > raw.remaining()) {
                        throw new IllegalArgumentException("output text_output: raw BYTES element of " + length
                                + " bytes but only " + raw.remaining() + " left");
                    }
                    byte[] element = new byte[length];
                    raw.get(element);
                    text.append(new String(element, StandardCharsets.UTF_8));
                }
            }
        }
        return text.toString();
    }

    /** Collects the reply's text until the response flagged triton_final_response. */
    private final class ReplyCollector implements StreamObserver<ModelStreamInferResponse> {

        private final UniEmitter<? super String> emitter;
        private final StringBuilder text = new StringBuilder();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile StreamObserver<ModelInferRequest> requests;

        ReplyCollector(UniEmitter<? super String> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void onNext(ModelStreamInferResponse response) {
            if (!response.getErrorMessage().isEmpty()) {
                fail(new JudgeCallException("llm judge: model '" + config.model() + "' at " + address
                        + " answered with an error: " + response.getErrorMessage(), null));
                return;
            }
            try {
                text.append(textOf(response.getInferResponse()));
            } catch (IllegalArgumentException e) {
                fail(new JudgeCallException("llm judge: unreadable response from model '" + config.model() + "' at "
                        + address + ": " + e.getMessage(), e));
                return;
            }
            InferParameter last = response.getInferResponse().getParametersMap().get(FINAL_RESPONSE);
            if (last != null && last.getBoolParam() && finished.compareAndSet(false, true)) {
                requests.onCompleted();
                emitter.complete(text.toString());
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
                emitter.fail(new JudgeCallException("llm judge: model '" + config.model() + "' at " + address
                        + " ended the stream without a response flagged " + FINAL_RESPONSE, null));
            }
        }

        private void fail(RuntimeException failure) {
            if (finished.compareAndSet(false, true)) {
                requests.onError(Status.CANCELLED.withDescription(failure.getMessage()).asRuntimeException());
                emitter.fail(failure);
            }
        }
    }
}
