package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class InferRequestEncoderTest {

    @Test
    void followsTheVllmBackendContract() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ModelInferRequest request = Contract.VLLM.encode(new GenerationRequest(
                "qwen", "p1|thinking", "prompt \"quoted\"", new ModelImage(ByteString.copyFrom(png)), 600,
                List.of("</think>"), true), Contract.OPTIONAL_INPUTS);

        assertThat(request.getModelName()).isEqualTo("qwen");
        assertThat(request.getId()).isEqualTo("p1|thinking");
        assertThat(request.getParametersMap().get("triton_enable_empty_final_response").getBoolParam()).isTrue();
        Map<String, InferInputTensor> inputs = request.getInputsList().stream()
                .collect(Collectors.toMap(InferInputTensor::getName, Function.identity()));
        assertThat(inputs).containsOnlyKeys("text_input", "image", "sampling_parameters", "stream",
                "exclude_input_in_output", "return_num_output_tokens", "return_finish_reason");
        assertThat(text(inputs.get("text_input"))).isEqualTo("prompt \"quoted\"");
        assertThat(Base64.getDecoder().decode(text(inputs.get("image")))).isEqualTo(png);
        assertThat(text(inputs.get("sampling_parameters")))
                .isEqualTo("{\"max_tokens\":600,\"temperature\":0,\"stop\":[\"</think>\"]}");
        assertThat(inputs.get("stream").getContents().getBoolContentsList()).containsExactly(true);
        assertThat(inputs.get("exclude_input_in_output").getContents().getBoolContentsList()).containsExactly(true);
        assertThat(inputs.get("return_num_output_tokens").getContents().getBoolContentsList()).containsExactly(true);
        assertThat(inputs.get("return_finish_reason").getContents().getBoolContentsList()).containsExactly(true);
        assertThat(inputs.values()).allSatisfy(input -> assertThat(input.getShapeList()).containsExactly(1L));
        assertThat(inputs.get("image").getDatatype()).isEqualTo("BYTES");
        assertThat(inputs.get("stream").getDatatype()).isEqualTo("BOOL");
    }

    @Test
    void sendsTheOptionalInputsOnlyWhereTheModelOffersThem() {
        GenerationRequest generation = new GenerationRequest("qwen", "p1|0", "prompt",
                new ModelImage(ByteString.copyFromUtf8("png")), 64, List.of(), false);

        assertThat(Contract.VLLM.encode(generation, Set.of()).getInputsList()).extracting(InferInputTensor::getName)
                .doesNotContain(Contract.RETURN_NUM_OUTPUT_TOKENS, Contract.RETURN_FINISH_REASON);
        assertThat(Contract.VLLM.encode(generation, Set.of(Contract.RETURN_FINISH_REASON)).getInputsList())
                .extracting(InferInputTensor::getName)
                .contains(Contract.RETURN_FINISH_REASON).doesNotContain(Contract.RETURN_NUM_OUTPUT_TOKENS);
    }

    @Test
    void encodesAProbesImageToBase64OnceForAllItsRequests() {
        ModelImage image = new ModelImage(ByteString.copyFromUtf8("the image file"));
        ModelInferRequest thinking = Contract.VLLM.encode(new GenerationRequest("qwen", "p1|thinking", "think", image, 600,
                List.of(), true), Set.of());
        ModelInferRequest answer = Contract.VLLM.encode(new GenerationRequest("qwen", "p1|0", "answer", image, 64,
                List.of(), false), Set.of());

        assertThat(imageOf(answer)).isSameAs(imageOf(thinking));
        assertThat(imageOf(answer).toStringUtf8())
                .isEqualTo(Base64.getEncoder().encodeToString("the image file".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tensorContractSendsTheProbesImageBytesUncopied() {
        ModelImage image = new ModelImage(ByteString.copyFromUtf8("the image file"));
        ModelInferRequest request = Contract.TENSOR.encode(new GenerationRequest("trt", "p1|0", "answer", image, 64,
                List.of(), false), Set.of());

        assertThat(imageOf(request)).isSameAs(image.encoded());
    }

    private static ByteString imageOf(ModelInferRequest request) {
        return request.getInputsList().stream().filter(input -> input.getName().equals("image")).findFirst()
                .orElseThrow().getContents().getBytesContents(0);
    }

    private static String text(InferInputTensor input) {
        return input.getContents().getBytesContents(0).toString(StandardCharsets.UTF_8);
    }
}
