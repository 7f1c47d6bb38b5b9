package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import inference.GrpcService.InferParameter;
import inference.GrpcService.ModelInferResponse;
import inference.GrpcService.ModelInferResponse.InferOutputTensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one response of the vLLM backend's stream. Output data may come typed ({@code contents}) or,
 * as Triton itself sends it, serialised in {@code raw_output_contents} (little-endian; BYTES elements
 * each prefixed by a 4-byte length); both are accepted.
 */
public final class InferResponseDecoder {

    /**
     * @param text         the new text of this response (text_output)
     * @param tokens       the tokens of this response (num_output_tokens)
     * @param finishReason finish_reason, or empty if this response does not carry one
     * @param last         the response flagged triton_final_response: the stream has ended
     */
    public record Decoded(String text, int tokens, String finishReason, boolean last) {
    }

    private InferResponseDecoder() {
    }

    public static Decoded decode(ModelInferResponse response) {
        StringBuilder text = new StringBuilder();
        long tokens = 0;
        String finishReason = "";
        for (int i = 0; i < response.getOutputsCount(); i++) {
            InferOutputTensor output = response.getOutputs(i);
            ByteString raw = i < response.getRawOutputContentsCount() ? response.getRawOutputContents(i) : ByteString.EMPTY;
            switch (output.getName()) {
                case "text_output" -> strings(output, raw).forEach(text::append);
                case "num_output_tokens" -> tokens += integers(output, raw).stream().mapToLong(Long::longValue).sum();
                // the vLLM backend sends finish_reason on every response, "None" until the sequence finishes
                case "finish_reason" -> finishReason = strings(output, raw).stream()
                        .filter(reason -> !reason.equals("None"))
                        .findFirst().orElse("");
                default -> {
                    // outputs rhwatch did not ask for are ignored
                }
            }
        }
        InferParameter finalFlag = response.getParametersMap().get("triton_final_response");
        boolean last = finalFlag != null && finalFlag.getBoolParam();
        return new Decoded(text.toString(), Math.toIntExact(tokens), finishReason, last);
    }

    private static List<String> strings(InferOutputTensor output, ByteString raw) {
        List<String> strings = new ArrayList<>();
        if (output.getContents().getBytesContentsCount() > 0) {
            output.getContents().getBytesContentsList().forEach(b -> strings.add(b.toString(StandardCharsets.UTF_8)));
            return strings;
        }
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= Integer.BYTES) {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("output " + output.getName() + ": raw BYTES element of " + length
                        + " bytes but only " + buffer.remaining() + " left");
            }
            byte[] element = new byte[length];
            buffer.get(element);
            strings.add(new String(element, StandardCharsets.UTF_8));
        }
        return strings;
    }

    private static List<Long> integers(InferOutputTensor output, ByteString raw) {
        var contents = output.getContents();
        List<Long> values = new ArrayList<>();
        contents.getUintContentsList().forEach(v -> values.add(Integer.toUnsignedLong(v)));
        contents.getIntContentsList().forEach(v -> values.add((long) v));
        contents.getUint64ContentsList().forEach(values::add);
        contents.getInt64ContentsList().forEach(values::add);
        if (!values.isEmpty()) {
            return values;
        }
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        switch (output.getDatatype()) {
            case "UINT32" -> {
                while (buffer.remaining() >= Integer.BYTES) {
                    values.add(Integer.toUnsignedLong(buffer.getInt()));
                }
            }
            case "INT32" -> {
                while (buffer.remaining() >= Integer.BYTES) {
                    values.add((long) buffer.getInt());
                }
            }
            case "UINT64", "INT64" -> {
                while (buffer.remaining() >= Long.BYTES) {
                    values.add(buffer.getLong());
                }
            }
            default -> throw new IllegalArgumentException("output " + output.getName() + " has datatype "
                    + output.getDatatype() + "; expected UINT32, INT32, UINT64 or INT64");
        }
        return values;
    }
}
