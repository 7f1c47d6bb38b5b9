package io.rhwatch.ingestion.traffic;

import io.rhwatch.core.ids.RecordIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The ids of what a traffic record becomes, all functions of its request id, so a record delivered or sent twice
 * becomes the same records and the aggregator counts it once. A request id is a sample id already (same characters,
 * same limit); the prefix can push it over the limit, and then the id is a hash of the request id instead.
 */
public final class TrafficIds {

    static final String PREFIX = "traffic:";
    private static final String HASHED = "sha256:";
    /** The id rule of samples, [A-Za-z0-9._:-]{1,128}. */
    private static final Pattern SAMPLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** The probe of a passive response has no corruption: it is what the model served. */
    static final String SERVED = "served";

    private TrafficIds() {
    }

    /**
     * {@code traffic:<request_id>}, or {@code traffic:sha256:<40 hex digits>} when that would not be a valid sample id or
     * when the request id itself starts with {@code sha256:} (so no request id can name another's hashed id).
     */
    public static String sampleId(String requestId) {
        String id = PREFIX + requestId;
        return SAMPLE_ID.matcher(id).matches() && !requestId.startsWith(HASHED)
                ? id
                : PREFIX + HASHED + HexFormat.of().formatHex(sha256(requestId), 0, 20);
    }

    /** {@code traffic:<request_id>|<model>|served}: what one model served for one request. */
    public static String servedProbeId(String requestId, String model) {
        return sampleId(requestId) + RecordIds.SEPARATOR + model + RecordIds.SEPARATOR + SERVED;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
