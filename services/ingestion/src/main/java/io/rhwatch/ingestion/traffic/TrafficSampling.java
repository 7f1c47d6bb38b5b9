package io.rhwatch.ingestion.traffic;

/**
 * Which requests are probed actively: those whose request-id hash, read as a fraction of 2^64, falls below the sample
 * fraction. The same request id is always chosen or never, on every replica and after every restart, and raising the
 * fraction keeps every request chosen before.
 */
public final class TrafficSampling {

    private static final double TWO_TO_THE_64 = 0x1p64;

    private TrafficSampling() {
    }

    public static boolean selected(String requestId, double fraction) {
        return position(requestId) < fraction;
    }

    /** The request id's place in [0, 1): the first 8 bytes of its SHA-256, unsigned. */
    static double position(String requestId) {
        byte[] hash = TrafficIds.sha256(requestId);
        long bits = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            bits = (bits << 8) | (hash[i] & 0xFF);
        }
        double unsigned = (bits >>> 1) * 2.0 + (bits & 1);
        return unsigned / TWO_TO_THE_64;
    }
}
