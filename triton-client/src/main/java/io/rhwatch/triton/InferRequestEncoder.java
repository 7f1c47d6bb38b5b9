package io.rhwatch.triton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The sampling parameters of Triton's vLLM backend (docs/ARCHITECTURE.md, "Inference contract"); {@link Contract} builds the request. */
public final class InferRequestEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InferRequestEncoder() {
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
