package io.rhwatch.modelsim.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;
import io.rhwatch.modelsim.catalog.ModelCatalog;
import io.rhwatch.modelsim.testing.FakeSimConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests read the way Triton's vLLM backend reads them, and every refusal names its cause. */
class GenerateRequestTest {

    private static final ModelCatalog CATALOG = new ModelCatalog(FakeSimConfig.oneModel("m", 0.9));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] IMAGE = {1, 2, 3};

    @Test
    void readsPromptImageFlagsAndSamplingParameters() {
        GenerateRequest r = read(base().addInputs(bytes("sampling_parameters", "{\"max_tokens\": \"40\", \"seed\": 9, \"stop\": \"</think>\", \"top_p\": 0.9}"))
                .addInputs(bool("stream", true)).addInputs(bool("return_finish_reason", true)));
        assertThat(r.prompt()).isEqualTo("prompt");
        assertThat(r.image()).isEqualTo(IMAGE);
        assertThat(r.stream()).isTrue();
        assertThat(r.prependInput()).as("streaming never prepends the prompt").isFalse();
        assertThat(r.maxTokens()).isEqualTo(40);
        assertThat(r.seed()).isEqualTo(9);
        assertThat(r.stops()).containsExactly("</think>");
        assertThat(r.outputs()).containsExactly("text_output", "finish_reason");
        assertThat(r.emptyFinalResponse()).isFalse();
    }

    @Test
    void defaultsFollowVllm() {
        GenerateRequest r = read(base());
        assertThat(r.maxTokens()).isEqualTo(16);
        assertThat(r.stream()).isFalse();
        assertThat(r.prependInput()).as("a non-streamed response starts with the prompt unless excluded").isTrue();
        assertThat(r.stops()).isEmpty();
        assertThat(r.outputs()).containsExactly("text_output");
    }

    @Test
    void requestedOutputsNarrowWhatComesBack() {
        ModelInferRequest.Builder request = base().addInputs(bool("return_num_output_tokens", true)).addInputs(bool("return_finish_reason", true))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("num_output_tokens"));
        assertThat(read(request).outputs()).containsExactly("num_output_tokens");
        request.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("logits"));
        assertRejected(request, "unexpected inference output 'logits' for model 'm'");
    }

    @Test
    void refusesWhatTheBackendRefuses() {
        assertRejected(base().setModelName("x"), "Request for unknown model: 'x' is not found");
        assertRejected(base().setModelVersion("2"), "Request for unknown model: 'm' version 2 is not found");
        assertRejected(base().addInputs(bytes("lora", "x")), "unexpected inference input 'lora' for model 'm'");
        assertRejected(base().addInputs(bytes("stream", "true")), "input 'stream' must be BOOL, got BYTES");
        assertRejected(base().addInputs(bool("stream", true)).addInputs(bool("exclude_input_in_output", false)),
                "When streaming, `exclude_input_in_output` = False is not allowed.");
        assertRejected(ModelInferRequest.newBuilder().setModelName("m").addInputs(bytes("image", Base64.getEncoder().encodeToString(IMAGE))),
                "missing required input 'text_input' for model 'm'");
        assertRejected(ModelInferRequest.newBuilder().setModelName("m").addInputs(bytes("text_input", "p")),
                "missing required input 'image' for model 'm': the simulator answers questions about an image");
        ModelInferRequest.Builder twoImages = ModelInferRequest.newBuilder().setModelName("m").addInputs(bytes("text_input", "p"))
                .addInputs(InferInputTensor.newBuilder().setName("image").setDatatype("BYTES").addShape(2).setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("AQID")).addBytesContents(ByteString.copyFromUtf8("AQID"))));
        assertRejected(twoImages, "input 'image' holds 2 images; the simulator reads exactly 1");
        assertRejected(ModelInferRequest.newBuilder().setModelName("m").addInputs(bytes("text_input", "p")).addInputs(bytes("image", "AQ=D")),
                "input 'image' is not valid base64: ");
    }

    @Test
    void samplingParametersAreCheckedFieldByField() {
        assertRejected(base().addInputs(bytes("sampling_parameters", "[1]")), "input 'sampling_parameters' must be a JSON object");
        assertRejected(base().addInputs(bytes("sampling_parameters", "{\"max_tokens\": 0}")),
                "sampling_parameters.max_tokens must be between 1 and 1000, got 0");
        assertRejected(base().addInputs(bytes("sampling_parameters", "{\"max_tokens\": 2.5}")),
                "sampling_parameters.max_tokens must be a whole number, got 2.5");
        assertRejected(base().addInputs(bytes("sampling_parameters", "{\"temperature\": -1}")),
                "sampling_parameters.temperature must be at least 0, got -1");
        assertRejected(base().addInputs(bytes("sampling_parameters", "{\"stop\": [\"a\", 3]}")),
                "sampling_parameters.stop must be a string or an array of strings, got [\"a\",3]");
    }

    @Test
    void rawContentsMustMatchTheInputs() {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("m")
                .addInputs(InferInputTensor.newBuilder().setName("text_input").setDatatype("BYTES").addShape(1))
                .addInputs(InferInputTensor.newBuilder().setName("image").setDatatype("BYTES").addShape(1));
        assertRejected(request.clone().addRawInputContents(ByteString.copyFromUtf8("x")), "raw_input_contents holds 1 entries for 2 inputs; it must hold one per input");
        assertRejected(request.clone().addRawInputContents(ByteString.copyFrom(new byte[] {9, 0, 0, 0, 'a'})).addRawInputContents(ByteString.EMPTY),
                "raw contents of input 'text_input' announce an element of 9 bytes but only 1 remain");
    }

    private static ModelInferRequest.Builder base() {
        return ModelInferRequest.newBuilder().setModelName("m").setId("r")
                .addInputs(bytes("text_input", "prompt"))
                .addInputs(bytes("image", Base64.getEncoder().encodeToString(IMAGE)));
    }

    private static GenerateRequest read(ModelInferRequest.Builder request) {
        return GenerateRequest.read(request.build(), CATALOG, JSON);
    }

    private static void assertRejected(ModelInferRequest.Builder request, String message) {
        assertThatThrownBy(() -> read(request)).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(message);
    }

    private static InferInputTensor bytes(String name, String value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BYTES").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFrom(value, StandardCharsets.UTF_8))).build();
    }

    private static InferInputTensor bool(String name, boolean value) {
        return InferInputTensor.newBuilder().setName(name).setDatatype("BOOL").addShape(1)
                .setContents(InferTensorContents.newBuilder().addBoolContents(value)).build();
    }
}
