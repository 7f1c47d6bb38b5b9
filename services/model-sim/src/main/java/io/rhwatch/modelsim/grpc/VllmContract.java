package io.rhwatch.modelsim.grpc;

import inference.GrpcService.ModelMetadataResponse.TensorMetadata;

import java.util.List;

/** The tensors of Triton's vLLM backend model configuration, as the simulator serves them. */
final class VllmContract {

    static final String PLATFORM = "vllm";
    static final String VERSION = "1";

    static final String TEXT_INPUT = "text_input";
    static final String IMAGE = "image";
    static final String STREAM = "stream";
    static final String SAMPLING_PARAMETERS = "sampling_parameters";
    static final String EXCLUDE_INPUT_IN_OUTPUT = "exclude_input_in_output";
    static final String RETURN_NUM_OUTPUT_TOKENS = "return_num_output_tokens";
    static final String RETURN_FINISH_REASON = "return_finish_reason";

    static final String TEXT_OUTPUT = "text_output";
    static final String NUM_OUTPUT_TOKENS = "num_output_tokens";
    static final String FINISH_REASON = "finish_reason";

    static final String BYTES = "BYTES";
    static final String BOOL = "BOOL";
    static final String UINT32 = "UINT32";

    /** Request parameter asking for an empty response that marks the end of a request's responses. */
    static final String ENABLE_EMPTY_FINAL_RESPONSE = "triton_enable_empty_final_response";
    static final String FINAL_RESPONSE = "triton_final_response";

    static final List<TensorMetadata> INPUTS = List.of(
            tensor(TEXT_INPUT, BYTES, 1),
            tensor(IMAGE, BYTES, -1),
            tensor(STREAM, BOOL, 1),
            tensor(SAMPLING_PARAMETERS, BYTES, 1),
            tensor(EXCLUDE_INPUT_IN_OUTPUT, BOOL, 1),
            tensor(RETURN_NUM_OUTPUT_TOKENS, BOOL, 1),
            tensor(RETURN_FINISH_REASON, BOOL, 1));

    static final List<TensorMetadata> OUTPUTS = List.of(
            tensor(TEXT_OUTPUT, BYTES, -1),
            tensor(NUM_OUTPUT_TOKENS, UINT32, -1),
            tensor(FINISH_REASON, BYTES, -1));

    private VllmContract() {
    }

    static String unknownModel(String name) {
        return "Request for unknown model: '" + name + "' is not found";
    }

    static String datatypeOf(String input) {
        return INPUTS.stream().filter(t -> t.getName().equals(input)).map(TensorMetadata::getDatatype).findFirst().orElse(null);
    }

    private static TensorMetadata tensor(String name, String datatype, long dim) {
        return TensorMetadata.newBuilder().setName(name).setDatatype(datatype).addShape(dim).build();
    }
}
