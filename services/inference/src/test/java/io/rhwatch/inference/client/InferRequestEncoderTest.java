package io.rhwatch.inference.client;

import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class InferRequestEncoderTest {

    @Test
    void followsTheVllmBackendContract() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        ModelInferRequest request = InferRequestEncoder.encode(new GenerationRequest(
                "qwen", "p1|thinking", "prompt \"quoted\"", png, 600, List.of("</think>"), true));

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

    private static String text(InferInputTensor input) {
        return input.getContents().getBytesContents(0).toString(StandardCharsets.UTF_8);
    }
}
