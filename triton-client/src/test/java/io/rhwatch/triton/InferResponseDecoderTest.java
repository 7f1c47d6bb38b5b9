package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.InferTensorContents;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelInferResponse.InferOutputTensor;
import io.rhwatch.triton.InferResponseDecoder.Decoded;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferResponseDecoderTest {

    private static InferOutputTensor output(String name, String datatype, InferTensorContents contents) {
        return InferOutputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(1).setContents(contents).build();
    }

    @Test
    void readsTypedContents() {
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(output("text_output", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("Grün ")).build()))
                .addOutputs(output("num_output_tokens", "UINT32", InferTensorContents.newBuilder().addUintContents(2).build()))
                .addOutputs(output("finish_reason", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("length")).build()))
                .build();

        assertThat(InferResponseDecoder.decode(response)).isEqualTo(new Decoded("Grün ", 2, "length", false));
    }

    @Test
    void readsRawOutputContentsAsTritonSendsThem() {
        byte[] text = "Grün ".getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(4 + text.length).order(ByteOrder.LITTLE_ENDIAN).putInt(text.length).put(text);
        ByteBuffer tokens = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(3);
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES").addShape(1))
                .addOutputs(InferOutputTensor.newBuilder().setName("num_output_tokens").setDatatype("UINT32").addShape(1))
                .addRawOutputContents(ByteString.copyFrom(bytes.array()))
                .addRawOutputContents(ByteString.copyFrom(tokens.array()))
                .build();

        assertThat(InferResponseDecoder.decode(response)).isEqualTo(new Decoded("Grün ", 3, "", false));
    }

    @Test
    void readsTheFinishReasonOfAnUnfinishedSequenceAsAbsent() {
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(output("finish_reason", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("None")).build()))
                .build();

        assertThat(InferResponseDecoder.decode(response).finishReason()).isEmpty();
    }

    @Test
    void recognisesTheFinalResponse() {
        ModelInferResponse last = ModelInferResponse.newBuilder()
                .putParameters("triton_final_response", InferParameter.newBuilder().setBoolParam(true).build())
                .build();

        assertThat(InferResponseDecoder.decode(last)).isEqualTo(new Decoded("", 0, "", true));
    }

    @Test
    void refusesARawElementLongerThanTheData() {
        ByteBuffer bytes = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(100).put((byte) 'a').put((byte) 'b');
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(InferOutputTensor.newBuilder().setName("text_output").setDatatype("BYTES"))
                .addRawOutputContents(ByteString.copyFrom(bytes.array()))
                .build();

        assertThatThrownBy(() -> InferResponseDecoder.decode(response))
                .hasMessageContaining("text_output")
                .hasMessageContaining("100 bytes but only 2 left");
    }
}
