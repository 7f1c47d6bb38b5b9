package io.rhwatch.modelsim.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelInferRequest;
import io.rhwatch.modelsim.catalog.ModelCatalog;
import io.rhwatch.modelsim.service.Generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code ModelInferRequest} read the way Triton's vLLM backend reads it: the prompt, the base64 image, the
 * sampling parameters JSON ({@code max_tokens}, {@code stop}, {@code seed}, {@code temperature}; numbers may be
 * given as strings, as Triton's examples do) and the flags. Anything invalid fails with a message naming it.
 *
 * @param image        the decoded image; empty when the request carried none and the model does not require one (the
 *                     judge), or when the model reads none
 * @param prependInput whether {@code text_output} starts with the prompt ({@code exclude_input_in_output=false})
 * @param outputs      the outputs to return, in the contract's order
 */
record GenerateRequest(String id, String modelName, Generator model, String prompt, byte[] image, boolean stream,
                       boolean prependInput, int maxTokens, long seed, List<String> stops,
                       boolean emptyFinalResponse, List<String> outputs) {

    /** vLLM's default when a request does not say. */
    static final int DEFAULT_MAX_TOKENS = 16;

    static GenerateRequest read(ModelInferRequest request, ModelCatalog catalog, ObjectMapper json) {
        String name = request.getModelName();
        Generator model = catalog.served(name).orElseThrow(() -> new InvalidRequestException(VllmContract.unknownModel(name)));
        if (!request.getModelVersion().isEmpty() && !request.getModelVersion().equals(VllmContract.VERSION)) {
            throw new InvalidRequestException("Request for unknown model: '" + name + "' version " + request.getModelVersion() + " is not found");
        }
        InputTensors inputs = InputTensors.read(request);

        ByteString prompt = inputs.single(VllmContract.TEXT_INPUT);
        if (prompt == null) {
            throw new InvalidRequestException("missing required input '" + VllmContract.TEXT_INPUT + "' for model '" + name + "'");
        }
        List<ByteString> images = inputs.bytes(VllmContract.IMAGE);
        byte[] image = model.readsImage() || model.acceptsImage() && !images.isEmpty() ? image(images, name) : new byte[0];

        boolean stream = inputs.flag(VllmContract.STREAM, false);
        boolean prependInput = !inputs.flag(VllmContract.EXCLUDE_INPUT_IN_OUTPUT, stream);
        if (stream && prependInput) {
            throw new InvalidRequestException("When streaming, `exclude_input_in_output` = False is not allowed.");
        }

        ByteString sampling = inputs.single(VllmContract.SAMPLING_PARAMETERS);
        JsonNode parameters = sampling == null ? json.createObjectNode() : parse(sampling, json);
        int maxTokens = (int) wholeNumber(parameters, "max_tokens", DEFAULT_MAX_TOKENS, 1, catalog.maxTokensLimit());
        long seed = wholeNumber(parameters, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        checkTemperature(parameters);

        List<String> outputs = outputs(request, inputs);
        InferParameter emptyFinal = request.getParametersMap().get(VllmContract.ENABLE_EMPTY_FINAL_RESPONSE);
        return new GenerateRequest(request.getId(), name, model, prompt.toStringUtf8(), image, stream, prependInput,
                maxTokens, seed, stops(parameters), emptyFinal != null && emptyFinal.getBoolParam(), outputs);
    }

    private static byte[] image(List<ByteString> images, String model) {
        if (images.isEmpty()) {
            throw new InvalidRequestException("missing required input '" + VllmContract.IMAGE + "' for model '" + model
                    + "': the simulator answers questions about an image");
        }
        if (images.size() > 1) {
            throw new InvalidRequestException("input '" + VllmContract.IMAGE + "' holds " + images.size() + " images; the simulator reads exactly 1");
        }
        try {
            return Base64.getMimeDecoder().decode(images.get(0).toByteArray());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("input '" + VllmContract.IMAGE + "' is not valid base64: " + e.getMessage());
        }
    }

    private static JsonNode parse(ByteString sampling, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(sampling.toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("input '" + VllmContract.SAMPLING_PARAMETERS + "' is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("input '" + VllmContract.SAMPLING_PARAMETERS + "' must be a JSON object");
        }
        return node;
    }

    private static long wholeNumber(JsonNode parameters, String field, long absent, long min, long max) {
        JsonNode node = parameters.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && node.textValue().strip().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.textValue().strip());
        } else {
            throw new InvalidRequestException("sampling_parameters." + field + " must be a whole number, got " + node);
        }
        if (value < min || value > max) {
            throw new InvalidRequestException("sampling_parameters." + field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static void checkTemperature(JsonNode parameters) {
        JsonNode node = parameters.get("temperature");
        if (node == null || node.isNull()) {
            return;
        }
        double temperature;
        try {
            temperature = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("sampling_parameters.temperature must be a number, got " + node);
        }
        if (!(temperature >= 0)) {
            throw new InvalidRequestException("sampling_parameters.temperature must be at least 0, got " + node);
        }
    }

    private static List<String> stops(JsonNode parameters) {
        JsonNode node = parameters.get("stop");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        List<String> stops = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode stop : node) {
                if (!stop.isTextual()) {
                    break;
                }
                stops.add(stop.textValue());
            }
            if (stops.size() == node.size()) {
                return stops;
            }
        }
        throw new InvalidRequestException("sampling_parameters.stop must be a string or an array of strings, got " + node);
    }

    /** text_output always; the extra outputs when their return_ flag is set; only the requested ones when the request names any. */
    private static List<String> outputs(ModelInferRequest request, InputTensors inputs) {
        List<String> produced = new ArrayList<>(List.of(VllmContract.TEXT_OUTPUT));
        if (inputs.flag(VllmContract.RETURN_NUM_OUTPUT_TOKENS, false)) {
            produced.add(VllmContract.NUM_OUTPUT_TOKENS);
        }
        if (inputs.flag(VllmContract.RETURN_FINISH_REASON, false)) {
            produced.add(VllmContract.FINISH_REASON);
        }
        if (request.getOutputsCount() == 0) {
            return produced;
        }
        Set<String> requested = request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).collect(Collectors.toSet());
        for (String wanted : requested) {
            if (VllmContract.OUTPUTS.stream().noneMatch(t -> t.getName().equals(wanted))) {
                throw new InvalidRequestException("unexpected inference output '" + wanted + "' for model '" + request.getModelName() + "'");
            }
        }
        produced.retainAll(requested);
        return produced;
    }
}
