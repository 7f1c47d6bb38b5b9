package io.rhwatch.modelsim.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelReadyResponse;
import inference.GrpcService.ModelStreamInferResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerLiveResponse;
import inference.GrpcService.ServerReadyRequest;
import inference.GrpcService.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.rhwatch.modelsim.capacity.Fault;
import io.rhwatch.modelsim.capacity.ServingCapacity;
import io.rhwatch.modelsim.judge.UnreadableJudgePromptException;
import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.catalog.ModelCatalog;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.vision.UnreadableImageException;
import io.smallrye.common.annotation.Blocking;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The KServe v2 gRPC endpoint of the SIMULATOR, answering like Triton serving a model with the vLLM backend:
 * the model is decoupled, so generation goes through {@code ModelStreamInfer} only; outputs come back in
 * {@code raw_output_contents}, as Triton sends them.
 */
@GrpcService
public class TritonInferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = Logger.getLogger(TritonInferenceService.class);
    /** What vLLM reports as the finish reason of a response that is not the last one. */
    private static final String NOT_FINISHED = "None";

    private final ModelCatalog catalog;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final ServingCapacity capacity;

    public TritonInferenceService(ModelCatalog catalog, ObjectMapper json, MeterRegistry metrics, ServingCapacity capacity) {
        this.catalog = catalog;
        this.json = json;
        this.metrics = metrics;
        this.capacity = capacity;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
        response.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
        response.onCompleted();
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        response.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
        response.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
        boolean ready = catalog.served(request.getName()).isPresent()
                && (request.getVersion().isEmpty() || request.getVersion().equals(VllmContract.VERSION));
        response.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
        response.onCompleted();
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        if (catalog.served(request.getName()).isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription(VllmContract.unknownModel(request.getName())).asRuntimeException());
            return;
        }
        response.onNext(ModelMetadataResponse.newBuilder()
                .setName(request.getName())
                .addVersions(VllmContract.VERSION)
                .setPlatform(VllmContract.PLATFORM)
                .addAllInputs(VllmContract.INPUTS)
                .addAllOutputs(VllmContract.OUTPUTS)
                .build());
        response.onCompleted();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        Status status = catalog.served(request.getModelName()).isEmpty()
                ? Status.NOT_FOUND.withDescription(VllmContract.unknownModel(request.getModelName()))
                : Status.UNIMPLEMENTED.withDescription("ModelInfer RPC doesn't support models with decoupled transaction policy");
        response.onError(status.asRuntimeException());
    }

    /** Each request on the stream gets its responses in order, then (if asked) an empty response flagged final. */
    @Override
    @Blocking
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
        return new StreamObserver<>() {
            /** The stream failed or was dropped by an injected fault: nothing more may be sent on it. */
            private boolean ended;

            @Override
            public void onNext(ModelInferRequest request) {
                if (!ended) {
                    ended = !generate(request, responses);
                }
            }

            @Override
            public void onError(Throwable error) {
                LOG.debugf("client ended the stream: %s", error.getMessage());
            }

            @Override
            public void onCompleted() {
                if (!ended) {
                    responses.onCompleted();
                }
            }
        };
    }

    /** Answers one request; false when an injected fault ended (or silenced) the stream. */
    private boolean generate(ModelInferRequest request, StreamObserver<ModelStreamInferResponse> responses) {
        GenerateRequest generate;
        Generation generation;
        try {
            generate = GenerateRequest.read(request, catalog, json);
            SeenImage image = generate.model().readsImage() || generate.image().length > 0 ? see(generate.image()) : null;
            generation = generate.model().generate(generate.prompt(), image, generate.maxTokens(), generate.seed(), generate.stops());
        } catch (InvalidRequestException | UnreadableJudgePromptException e) {
            fail(request, e.getMessage(), responses);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "request %s for model %s failed", request.getId(), request.getModelName());
            fail(request, "the simulator failed: " + e, responses);
            return true;
        }
        Fault fault = capacity.draw();
        if (fault == Fault.UNAVAILABLE) {
            metrics.counter("rhwatch.sim.faults", "model", generate.modelName(), "fault", "unavailable").increment();
            responses.onError(Status.UNAVAILABLE.withDescription("simulated fault: model instance unavailable").asRuntimeException());
            return false;
        }
        try {
            capacity.serve(generation.tokens().size(), fault == Fault.SLOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            responses.onError(Status.ABORTED.withDescription("the simulator is shutting down").asRuntimeException());
            return false;
        }
        if (fault != Fault.NONE) {
            metrics.counter("rhwatch.sim.faults", "model", generate.modelName(), "fault", fault.name().toLowerCase(Locale.ROOT)).increment();
        }
        if (generate.stream()) {
            List<String> tokens = generation.tokens().isEmpty() ? List.of("") : generation.tokens();
            // a dropped stream sends half its responses, then nothing, never the final one
            int sent = fault == Fault.DROPPED ? tokens.size() / 2 : tokens.size();
            for (int i = 0; i < sent; i++) {
                boolean last = i == tokens.size() - 1;
                responses.onNext(response(generate, tokens.get(i), generation.tokens().isEmpty() ? 0 : 1,
                        last ? generation.finishReason() : NOT_FINISHED));
            }
        } else {
            String text = (generate.prependInput() ? generate.prompt() : "") + generation.text();
            if (fault != Fault.DROPPED) {
                responses.onNext(response(generate, text, generation.tokens().size(), generation.finishReason()));
            }
        }
        if (fault == Fault.DROPPED) {
            return false;
        }
        if (generate.emptyFinalResponse()) {
            responses.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(header(generate).putParameters(
                    VllmContract.FINAL_RESPONSE, InferParameter.newBuilder().setBoolParam(true).build())).build());
        }
        metrics.counter("rhwatch.sim.requests", "model", generate.modelName(), "outcome", "generated").increment();
        metrics.counter("rhwatch.sim.generated.tokens", "model", generate.modelName()).increment(generation.tokens().size());
        return true;
    }

    private SeenImage see(byte[] image) {
        try {
            return catalog.scenes().see(image);
        } catch (UnreadableImageException e) {
            throw new InvalidRequestException("input '" + VllmContract.IMAGE + "' could not be read: " + e.getMessage());
        }
    }

    private void fail(ModelInferRequest request, String message, StreamObserver<ModelStreamInferResponse> responses) {
        String model = catalog.served(request.getModelName()).isPresent() ? request.getModelName() : "unknown";
        metrics.counter("rhwatch.sim.requests", "model", model, "outcome", "rejected").increment();
        responses.onNext(ModelStreamInferResponse.newBuilder()
                .setErrorMessage(message)
                .setInferResponse(ModelInferResponse.newBuilder()
                        .setModelName(request.getModelName())
                        .setModelVersion(request.getModelVersion())
                        .setId(request.getId()))
                .build());
    }

    private static ModelStreamInferResponse response(GenerateRequest generate, String text, int tokens, String finishReason) {
        ModelInferResponse.Builder response = header(generate);
        for (String output : generate.outputs()) {
            switch (output) {
                case VllmContract.TEXT_OUTPUT -> addBytes(response, output, text);
                case VllmContract.NUM_OUTPUT_TOKENS -> addUint32(response, output, tokens);
                case VllmContract.FINISH_REASON -> addBytes(response, output, finishReason);
                default -> throw new IllegalStateException("no such output " + output);
            }
        }
        if (generate.emptyFinalResponse()) {
            response.putParameters(VllmContract.FINAL_RESPONSE, InferParameter.newBuilder().setBoolParam(false).build());
        }
        return ModelStreamInferResponse.newBuilder().setInferResponse(response).build();
    }

    private static ModelInferResponse.Builder header(GenerateRequest generate) {
        return ModelInferResponse.newBuilder()
                .setModelName(generate.modelName())
                .setModelVersion(VllmContract.VERSION)
                .setId(generate.id());
    }

    /** One BYTES element, raw: a 4-byte little-endian length, then the bytes. */
    private static void addBytes(ModelInferResponse.Builder response, String name, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer raw = ByteBuffer.allocate(Integer.BYTES + utf8.length).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).put(utf8);
        response.addOutputs(output(name, VllmContract.BYTES)).addRawOutputContents(ByteString.copyFrom(raw.array()));
    }

    private static void addUint32(ModelInferResponse.Builder response, String name, int value) {
        ByteBuffer raw = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
        response.addOutputs(output(name, VllmContract.UINT32)).addRawOutputContents(ByteString.copyFrom(raw.array()));
    }

    private static ModelInferResponse.InferOutputTensor output(String name, String datatype) {
        return ModelInferResponse.InferOutputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(1).build();
    }
}
