package io.rhwatch.modelsim.grpc;

import com.google.protobuf.ByteString;
import inference.GrpcService.ModelInferRequest;
import inference.GrpcService.ModelInferRequest.InferInputTensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's input tensors by name. Values arrive either as typed {@code contents} or, as Triton's own clients
 * send them, in {@code raw_input_contents} (BYTES elements each prefixed by a 4-byte little-endian length).
 */
final class InputTensors {

    private final Map<String, List<ByteString>> bytes = new HashMap<>();
    private final Map<String, List<Boolean>> bools = new HashMap<>();

    private InputTensors() {
    }

    static InputTensors read(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw new InvalidRequestException("raw_input_contents holds " + raw + " entries for " + request.getInputsCount()
                    + " inputs; it must hold one per input");
        }
        InputTensors tensors = new InputTensors();
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            String name = input.getName();
            String expected = VllmContract.datatypeOf(name);
            if (expected == null) {
                throw new InvalidRequestException("unexpected inference input '" + name + "' for model '" + request.getModelName() + "'");
            }
            if (!expected.equals(input.getDatatype())) {
                throw new InvalidRequestException("input '" + name + "' must be " + expected + ", got " + input.getDatatype());
            }
            if (tensors.bytes.containsKey(name) || tensors.bools.containsKey(name)) {
                throw new InvalidRequestException("input '" + name + "' is given twice");
            }
            if (expected.equals(VllmContract.BYTES)) {
                tensors.bytes.put(name, raw > 0 ? rawBytes(name, request.getRawInputContents(i)) : input.getContents().getBytesContentsList());
            } else {
                tensors.bools.put(name, raw > 0 ? rawBools(request.getRawInputContents(i)) : input.getContents().getBoolContentsList());
            }
        }
        return tensors;
    }

    /** The input's elements; empty when the input is absent. */
    List<ByteString> bytes(String name) {
        return bytes.getOrDefault(name, List.of());
    }

    /** The single element of a BYTES input, or null when the input is absent. */
    ByteString single(String name) {
        List<ByteString> values = bytes.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            throw new InvalidRequestException("input '" + name + "' must hold 1 element, got " + values.size());
        }
        return values.get(0);
    }

    /** The single element of a BOOL input, or {@code absent} when the input is not given. */
    boolean flag(String name, boolean absent) {
        List<Boolean> values = bools.get(name);
        if (values == null) {
            return absent;
        }
        if (values.size() != 1) {
            throw new InvalidRequestException("input '" + name + "' must hold 1 element, got " + values.size());
        }
        return values.get(0);
    }

    private static List<ByteString> rawBytes(String name, ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<ByteString> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < Integer.BYTES) {
                throw new InvalidRequestException("raw contents of input '" + name + "' end inside an element's 4-byte length prefix");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new InvalidRequestException("raw contents of input '" + name + "' announce an element of " + length
                        + " bytes but only " + buffer.remaining() + " remain");
            }
            ByteBuffer element = buffer.slice();
            element.limit(length);
            elements.add(ByteString.copyFrom(element));
            buffer.position(buffer.position() + length);
        }
        return elements;
    }

    private static List<Boolean> rawBools(ByteString raw) {
        List<Boolean> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            values.add(raw.byteAt(i) != 0);
        }
        return values;
    }
}
