package io.rhwatch.inference.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import inference.GrpcService.ModelInferRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ModelStreamInfer request of Triton's vLLM backend (docs/ARCHITECTURE.md, "Inference contract"). */
public final class InferRequestEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferRequestEncoder() {
    }

    /** The vLLM backend's request with both optional outputs asked for; {@link Contract} encodes the other cases. */
    public static ModelInferRequest encode(GenerationRequest request) {
        return Contract.VLLM.encode(request, Contract.OPTIONAL_INPUTS);
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
}
