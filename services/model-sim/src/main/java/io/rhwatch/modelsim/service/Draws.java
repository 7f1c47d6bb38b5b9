package io.rhwatch.modelsim.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The simulator's randomness for one (model, image, question): uniform draws fixed by a hash, so they do not depend
 * on the thinking length. With these common random numbers a sample answered correctly at some accuracy stays
 * correct at every higher accuracy, and curves over budgets are smooth even on few samples.
 */
record Draws(double correct, double refuse, double wrong, long style) {

    static Draws of(long modelSeed, byte[] imageDigest, String question) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(modelSeed).array());
        sha.update(imageDigest);
        sha.update(question.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha.digest());
        return new Draws(uniform(hash.getLong()), uniform(hash.getLong()), uniform(hash.getLong()), hash.getLong());
    }

    static byte[] digest(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** A well-spread value for {@code (base, salt)} (SplitMix64 finaliser). */
    static long mix(long base, long salt) {
        long z = base + 0x9E3779B97F4A7C15L * (salt + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double uniform(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
