package io.rhwatch.modelsim.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A model's text prior for one question: whether it leans on it at a given thinking length ({@code lean} against the
 * profile's {@code textPrior} share) and what it then answers ({@code answer}, a draw for the guess). Keyed on the
 * model seed and the question text only, never on the image or the ground truth, so a model that answers from its
 * prior answers the same for the clean image, a blank one and another sample's; and, like {@link Draws}, independent of
 * the thinking length, so a question once answered from the prior stays so at every longer length.
 */
record TextPrior(double lean, double answer) {

    static TextPrior of(long modelSeed, String question) {
        MessageDigest sha = Draws.sha256();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(modelSeed).array());
        sha.update("text-prior".getBytes(StandardCharsets.UTF_8));
        sha.update(question.getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha.digest());
        return new TextPrior(Draws.uniform(hash.getLong()), Draws.uniform(hash.getLong()));
    }
}
