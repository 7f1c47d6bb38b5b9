package io.rhwatch.inference.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ModelStreamInfer request of Triton's vLLM backend (docs/ARCHITECTURE.md, "Inference contract"). */
public final class InferRequestEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferRequestEncoder() {
    }

    public static ModelInferRequest encode(GenerationRequest request) {
        return ModelInferRequest.newBuilder()
                .setModelName(request.model())
                .setId(request.requestId())
                // so that every stream ends with a response flagged triton_final_response
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .addInputs(bytesInput("text_input", ByteString.copyFromUtf8(request.prompt())))
                .addInputs(bytesInput("image", ByteString.copyFrom(Base64.getEncoder().encode(request.image()))))
                .addInputs(bytesInput("sampling_parameters", ByteString.copyFromUtf8(samplingParameters(request))))
                .addInputs(boolInput("stream", request.stream()))
                .addInputs(boolInput("exclude_input_in_output", true))
                .addInputs(boolInput("return_num_output_tokens", true))
                .addInputs(boolInput("return_finish_reason", true))
                .build();
    }

    /** vLLM's sampling parameters as JSON; temperature 0 makes the model's answers reproducible. */
    static String samplingParameters(GenerationRequest request) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("max_tokens", request.maxTokens());
        parameters.put("temperature", 0);
        parameters.put("stop", request.stop());
        try {
            return JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write sampling parameters as JSON", e);
        }
    }

    private static InferInputTensor bytesInput(String name, ByteString value) {
        return InferInputTensor.newBuilder()
                .setName(name)
                .setDatatype("BYTES")
                .addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(value))
                .build();
    }

    private static InferInputTensor boolInput(String name, boolean value) {
        return InferInputTensor.newBuilder()
                .setName(name)
                .setDatatype("BOOL")
                .addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value))
                .build();
    }
}
