package io.rhwatch.inference.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelInferResponse.InferOutputTensor;
import inference.GrpcService.ModelMetadataRequest;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelMetadataResponse.TensorMetadata;
import inference.GrpcService.ModelReadyRequest;
import inference.GrpcService.ModelReadyResponse;
import inference.GrpcService.ModelStreamInferResponse;
import inference.GrpcService.ServerLiveRequest;
import inference.GrpcService.ServerLiveResponse;
import inference.GrpcService.ServerReadyRequest;
import inference.GrpcService.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A small deterministic stand-in for Triton's vLLM backend that holds the client to the contract in
 * docs/ARCHITECTURE.md: a request that breaks it gets an error_message naming what was wrong.
 * It thinks {@value #THOUGHT_TOKENS} tokens "step1 step2 …", one token per streamed response (sent
 * as raw_output_contents, like Triton), and answers "B (thought N steps, image M bytes)" about what
 * it was given; a question containing "ramble" gets a {@value #RAMBLE_TOKENS}-token answer.
 */
public class FakeTriton extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    public static final String MODEL = "fake-vl";
    /** Fails the first attempt of every request id with UNAVAILABLE, then answers like {@link #MODEL}. */
    public static final String FLAKY_MODEL = "flaky-vl";
    /** Always fails with UNAVAILABLE, as if its instance never came back. */
    public static final String DOWN_MODEL = "down-vl";
    /** Every generation fails with DEADLINE_EXCEEDED, as if it took longer than the client's deadline. */
    public static final String TIMING_OUT_MODEL = "timing-out-vl";
    /** Reported ready, then unknown when asked, as if it was unloaded in between. */
    public static final String UNLOADED_MODEL = "unloaded-vl";
    public static final int THOUGHT_TOKENS = 10;
    /** The answer cue the service puts after the closed thinking by default. */
    static final String ANSWER_CUE = "Final answer:";
    public static final int RAMBLE_TOKENS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> INPUT_TYPES = Map.of(
            "text_input", "BYTES", "image", "BYTES", "sampling_parameters", "BYTES", "stream", "BOOL",
            "exclude_input_in_output", "BOOL", "return_num_output_tokens", "BOOL", "return_finish_reason", "BOOL");

    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    private static boolean served(String model) {
        return MODEL.equals(model) || FLAKY_MODEL.equals(model) || DOWN_MODEL.equals(model) || TIMING_OUT_MODEL.equals(model);
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

    /** The vLLM backend's inputs and outputs for every model it reports ready. */
    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        if (!served(request.getName()) && !UNLOADED_MODEL.equals(request.getName())) {
            response.onError(Status.NOT_FOUND.withDescription("Request for unknown model: '" + request.getName() + "' is not found")
                    .asRuntimeException());
            return;
        }
        ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                .setName(request.getName()).addVersions("1").setPlatform("vllm");
        INPUT_TYPES.forEach((name, datatype) -> metadata.addInputs(
                TensorMetadata.newBuilder().setName(name).setDatatype(datatype).addShape(1)));
        metadata.addOutputs(TensorMetadata.newBuilder().setName("text_output").setDatatype("BYTES").addShape(-1))
                .addOutputs(TensorMetadata.newBuilder().setName("num_output_tokens").setDatatype("UINT32").addShape(-1))
                .addOutputs(TensorMetadata.newBuilder().setName("finish_reason").setDatatype("BYTES").addShape(-1));
        response.onNext(metadata.build());
        response.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> responses) {
        boolean ready = served(request.getName()) || UNLOADED_MODEL.equals(request.getName());
        responses.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
        responses.onCompleted();
    }

    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
        return new StreamObserver<>() {
            private boolean closed;

            @Override
            public synchronized void onNext(ModelInferRequest request) {
                if (closed) {
                    return;
                }
                String model = request.getModelName();
                if (!served(model)) {
                    error(responses, "Request for unknown model: '" + model + "' is not found");
                } else if (DOWN_MODEL.equals(model) || FLAKY_MODEL.equals(model) && failedOnce.add(request.getId())) {
                    closed = true;
                    responses.onError(Status.UNAVAILABLE.withDescription("fake Triton: model instance restarting").asRuntimeException());
                } else if (TIMING_OUT_MODEL.equals(model)) {
                    closed = true;
                    responses.onError(Status.DEADLINE_EXCEEDED.withDescription("fake Triton: generation outran its deadline")
                            .asRuntimeException());
                } else {
                    generate(request, responses);
                }
            }

            @Override
            public void onError(Throwable cancelled) {
                // the client gave up on the stream
            }

            @Override
            public synchronized void onCompleted() {
                if (!closed) {
                    closed = true;
                    responses.onCompleted();
                }
            }
        };
    }

    private static void generate(ModelInferRequest request, StreamObserver<ModelStreamInferResponse> responses) {
        String violation = contractViolation(request);
        if (violation != null) {
            error(responses, "fake Triton: " + violation);
            return;
        }
        Map<String, InferInputTensor> inputs = request.getInputsList().stream()
                .collect(Collectors.toMap(InferInputTensor::getName, Function.identity()));
        String prompt = text(inputs.get("text_input"));
        int imageBytes = Base64.getDecoder().decode(text(inputs.get("image"))).length;
        JsonNode sampling = json(text(inputs.get("sampling_parameters")));
        int maxTokens = sampling.get("max_tokens").asInt();
        boolean stream = inputs.get("stream").getContents().getBoolContents(0);
        List<String> stop = new ArrayList<>();
        sampling.get("stop").forEach(element -> stop.add(element.asText()));
        if (sampling.get("temperature").asDouble() != 0) {
            error(responses, "fake Triton: temperature must be 0, was " + sampling.get("temperature"));
            return;
        }

        if (prompt.endsWith("<think>\n")) {
            if (!stream || !stop.contains("</think>")) {
                error(responses, "fake Triton: the thinking must be streamed and stop at </think>");
                return;
            }
            int tokens = Math.min(maxTokens, THOUGHT_TOKENS);
            for (int i = 1; i <= tokens; i++) {
                String finish = i < tokens ? "None" : tokens < THOUGHT_TOKENS ? "length" : "stop";
                responses.onNext(rawChunk(request, "step" + i + " ", finish));
            }
        } else if (prompt.endsWith("\n</think>\n\n" + ANSWER_CUE)) {
            if (stream) {
                error(responses, "fake Triton: the answer is asked for non-streamed");
                return;
            }
            String thinking = prompt.substring(prompt.lastIndexOf("<think>\n"), prompt.lastIndexOf("\n</think>"));
            int steps = thinking.split("step", -1).length - 1;
            List<String> words = prompt.contains("ramble")
                    ? Collections.nCopies(RAMBLE_TOKENS, "word")
                    : List.of("B", "(thought", steps + "", "steps,", "image", imageBytes + "", "bytes)");
            int tokens = Math.min(maxTokens, words.size());
            responses.onNext(typedChunk(request, String.join(" ", words.subList(0, tokens)), tokens,
                    tokens < words.size() ? "length" : "stop"));
        } else {
            error(responses, "fake Triton: the prompt ends neither with <think>\\n nor with </think>\\n\\n" + ANSWER_CUE);
            return;
        }
        responses.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setId(request.getId())
                .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(true).build())).build());
    }

    private static String contractViolation(ModelInferRequest request) {
        InferParameter emptyFinal = request.getParametersMap().get("triton_enable_empty_final_response");
        if (emptyFinal == null || !emptyFinal.getBoolParam()) {
            return "request parameter triton_enable_empty_final_response must be true";
        }
        Map<String, String> types = request.getInputsList().stream()
                .collect(Collectors.toMap(InferInputTensor::getName, InferInputTensor::getDatatype));
        if (!types.equals(INPUT_TYPES)) {
            return "inputs must be " + INPUT_TYPES + ", were " + types;
        }
        for (InferInputTensor input : request.getInputsList()) {
            boolean oneElement = input.getDatatype().equals("BYTES")
                    ? input.getContents().getBytesContentsCount() == 1
                    : input.getContents().getBoolContentsCount() == 1;
            if (!oneElement || !input.getShapeList().equals(List.of(1L))) {
                return "input " + input.getName() + " must hold one typed element of shape [1]";
            }
        }
        for (String flag : List.of("exclude_input_in_output", "return_num_output_tokens", "return_finish_reason")) {
            if (!request.getInputsList().stream().filter(i -> i.getName().equals(flag)).findFirst().orElseThrow()
                    .getContents().getBoolContents(0)) {
                return flag + " must be true";
            }
        }
        return null;
    }

    /** One response as Triton itself encodes it: data in raw_output_contents, little-endian, BYTES length-prefixed. */
    private static ModelStreamInferResponse rawChunk(ModelInferRequest request, String text, String finishReason) {
        return ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setId(request.getId())
                .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(false).build())
                .addOutputs(InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES").addShape(1))
                .addOutputs(InferOutputTensor.newBuilder().setName("num_output_tokens").setDatatype("UINT32").addShape(1))
                .addOutputs(InferOutputTensor.newBuilder().setName("finish_reason").setDatatype("BYTES").addShape(1))
                .addRawOutputContents(rawBytes(text))
                .addRawOutputContents(ByteString.copyFrom(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1).array()))
                .addRawOutputContents(rawBytes(finishReason))).build();
    }

    private static ModelStreamInferResponse typedChunk(ModelInferRequest request, String text, int tokens, String finishReason) {
        return ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setId(request.getId())
                .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(false).build())
                .addOutputs(InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES").addShape(1)
                        .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text))))
                .addOutputs(InferOutputTensor.newBuilder().setName("num_output_tokens").setDatatype("UINT32").addShape(1)
                        .setContents(InferTensorContents.newBuilder().addUintContents(tokens)))
                .addOutputs(InferOutputTensor.newBuilder().setName("finish_reason").setDatatype("BYTES").addShape(1)
                        .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(finishReason)))))
                .build();
    }

    private static ByteString rawBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ByteString.copyFrom(ByteBuffer.allocate(4 + bytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(bytes.length).put(bytes).array());
    }

    private static void error(StreamObserver<ModelStreamInferResponse> responses, String message) {
        responses.onNext(ModelStreamInferResponse.newBuilder().setErrorMessage(message).build());
    }

    private static String text(InferInputTensor input) {
        return input.getContents().getBytesContents(0).toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("sampling_parameters is not JSON: " + text, e);
        }
    }
}
