package io.rhwatch.triton;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import java.util.Base64;

/**
 * The encoded image (PNG or JPEG) of one probe, shared by all its generation requests: the probe's bytes are not
 * copied, and the base64 form the vLLM contract sends is computed once, by the first request that needs it.
 */
public final class ModelImage {

    private final ByteString encoded;
    private ByteString base64;

    public ModelImage(ByteString encoded) {
        this.encoded = encoded;
    }

    /** The image file's own bytes. */
    public ByteString encoded() {
        return encoded;
    }

    /** The image file's bytes, base64-encoded. */
    public synchronized ByteString base64() {
        if (base64 == null) {
            // the encoder's fresh buffer is never written again: wrap it instead of copying it
            base64 = UnsafeByteOperations.unsafeWrap(Base64.getEncoder().encode(encoded.asReadOnlyByteBuffer()));
        }
        return base64;
    }
}
