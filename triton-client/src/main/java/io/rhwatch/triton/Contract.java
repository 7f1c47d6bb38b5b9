package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import inference.GrpcService.ModelMetadataResponse;
import inference.GrpcService.ModelMetadataResponse.TensorMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a model served by Triton takes a generation request: which input tensors, of which datatypes. Chosen per
 * model by configuration (e.g. {@code rhwatch.inference.models.<name>.contract}); docs/TRITON.md describes both.
 * A text-only request (no image) leaves the image input out.
 * The optional token-count and finish-reason inputs are sent only where the model's metadata offers them.
 */
public enum Contract {

    /** Triton's vLLM backend: the image base64 in BYTES, the sampling parameters as one JSON string. */
    VLLM(Map.of("text_input", "BYTES", "image", "BYTES", "sampling_parameters", "BYTES", "stream", "BOOL",
            "exclude_input_in_output", "BOOL")) {
        @Override
        void addInputs(ModelInferRequest.Builder request, GenerationRequest generation) {
            request.addInputs(bytes("text_input", ByteString.copyFromUtf8(generation.prompt())));
            if (generation.image() != null) {
                request.addInputs(bytes("image", generation.image().base64()));
            }
            request.addInputs(bytes("sampling_parameters", ByteString.copyFromUtf8(InferRequestEncoder.samplingParameters(generation))))
                    .addInputs(bool("stream", generation.stream()))
                    .addInputs(bool("exclude_input_in_output", true));
        }
    },

    /**
     * Tensor inputs, as TensorRT-LLM's ensemble or a Python backend takes them: the encoded image's own bytes,
     * {@code max_tokens} INT32, {@code temperature} FP32 and {@code stop_words} BYTES as separate tensors.
     */
    TENSOR(Map.of("text_input", "BYTES", "image", "BYTES", "max_tokens", "INT32", "temperature", "FP32",
            "stop_words", "BYTES", "stream", "BOOL")) {
        @Override
        void addInputs(ModelInferRequest.Builder request, GenerationRequest generation) {
            request.addInputs(bytes("text_input", ByteString.copyFromUtf8(generation.prompt())));
            if (generation.image() != null) {
                request.addInputs(bytes("image", generation.image().encoded()));
            }
            request.addInputs(InferInputTensor.newBuilder().setName("max_tokens").setDatatype("INT32").addShape(1)
                            .setContents(InferTensorContents.newBuilder().addIntContents(generation.maxTokens())))
                    .addInputs(InferInputTensor.newBuilder().setName("temperature").setDatatype("FP32").addShape(1)
                            .setContents(InferTensorContents.newBuilder().addFp32Contents(0f)))
                    .addInputs(bool("stream", generation.stream()));
            if (!generation.stop().isEmpty()) {
                InferTensorContents.Builder stops = InferTensorContents.newBuilder();
                generation.stop().forEach(stop -> stops.addBytesContents(ByteString.copyFromUtf8(stop)));
                request.addInputs(InferInputTensor.newBuilder().setName("stop_words").setDatatype("BYTES")
                        .addShape(generation.stop().size()).setContents(stops));
            }
        }
    };

    /** Asks for the tokens of each response; without it, each streamed response counts as one token. */
    public static final String RETURN_NUM_OUTPUT_TOKENS = "return_num_output_tokens";
    /** Asks for the finish reason; without it, an answer cut by its token limit cannot be told apart. */
    public static final String RETURN_FINISH_REASON = "return_finish_reason";
    /** The optional inputs both contracts send where the model offers them, all BOOL. */
    public static final Set<String> OPTIONAL_INPUTS = Set.of(RETURN_NUM_OUTPUT_TOKENS, RETURN_FINISH_REASON);
    public static final String TEXT_OUTPUT = "text_output";

    private final Map<String, String> inputs;

    Contract(Map<String, String> inputs) {
        this.inputs = inputs;
    }

    abstract void addInputs(ModelInferRequest.Builder request, GenerationRequest generation);

    /** The inputs this contract always sends, by name, with their datatypes. */
    public Map<String, String> inputs() {
        return inputs;
    }

    /** The request for one generation; {@code offered} are the optional inputs the model's metadata lists. */
    public ModelInferRequest encode(GenerationRequest generation, Set<String> offered) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName(generation.model())
                .setId(generation.requestId())
                // so that every stream ends with a response flagged triton_final_response
                .putParameters("triton_enable_empty_final_response", InferParameter.newBuilder().setBoolParam(true).build());
        addInputs(request, generation);
        for (String optional : List.of(RETURN_NUM_OUTPUT_TOKENS, RETURN_FINISH_REASON)) {
            if (offered.contains(optional)) {
                request.addInputs(bool(optional, true));
            }
        }
        return request.build();
    }

    /**
     * What in the model's metadata does not fit this contract, one line per problem naming the tensor; empty when
     * it fits. Inputs the contract does not send are ignored (Triton lists optional inputs too).
     */
    public List<String> mismatches(ModelMetadataResponse metadata) {
        Map<String, String> served = metadata.getInputsList().stream()
                .collect(Collectors.toMap(TensorMetadata::getName, TensorMetadata::getDatatype, (a, b) -> a, LinkedHashMap::new));
        List<String> problems = new ArrayList<>();
        inputs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(expected -> {
            String datatype = served.get(expected.getKey());
            if (datatype == null) {
                problems.add("input '" + expected.getKey() + "' (" + expected.getValue() + ") is missing");
            } else if (!datatype.equals(expected.getValue())) {
                problems.add("input '" + expected.getKey() + "' is " + datatype + ", expected " + expected.getValue());
            }
        });
        for (String optional : OPTIONAL_INPUTS.stream().sorted().toList()) {
            String datatype = served.get(optional);
            if (datatype != null && !datatype.equals("BOOL")) {
                problems.add("input '" + optional + "' is " + datatype + ", expected BOOL");
            }
        }
        Map<String, TensorMetadata> outputs = metadata.getOutputsList().stream()
                .collect(Collectors.toMap(TensorMetadata::getName, Function.identity(), (a, b) -> a));
        TensorMetadata text = outputs.get(TEXT_OUTPUT);
        if (text == null) {
            problems.add("output '" + TEXT_OUTPUT + "' (BYTES) is missing");
        } else if (!text.getDatatype().equals("BYTES")) {
            problems.add("output '" + TEXT_OUTPUT + "' is " + text.getDatatype() + ", expected BYTES");
        }
        return problems;
    }

    /** The optional inputs the model's metadata offers. */
    public static Set<String> offeredOptionalInputs(ModelMetadataResponse metadata) {
        return metadata.getInputsList().stream().map(TensorMetadata::getName)
                .filter(OPTIONAL_INPUTS::contains).collect(Collectors.toUnmodifiableSet());
    }

    /** The name used in configuration and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static InferInputTensor bytes(String name, ByteString value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(value)).build();
    }

    private static InferInputTensor bool(String name, boolean value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value)).build();
    }
}
