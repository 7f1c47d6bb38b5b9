package io.rhwatch.modelsim.service;

/**
 * How one simulated model behaves.
 *
 * @param seed        keys the model's draws: two models with different seeds err on different samples
 * @param refusalRate the share of questions answered with a refusal no parser can read
 * @param perception  accuracy on perception questions as a function of thinking tokens, when it reads the image
 * @param reasoning   accuracy on reasoning questions as a function of thinking tokens
 * @param textPrior   the share of perception questions answered from the model's text prior, without looking at the
 *                    image, as a function of thinking tokens ("more thinking, less seeing")
 */
public record ModelProfile(String name, long seed, double refusalRate, AccuracyCurve perception, AccuracyCurve reasoning,
                           AccuracyCurve textPrior) {

    public ModelProfile {
        if (!(refusalRate >= 0 && refusalRate < 1)) {
            throw new IllegalArgumentException("refusal-rate must be at least 0 and below 1, got " + refusalRate);
        }
    }

    /** A model that reads the image for every perception question, at every thinking length. */
    public ModelProfile(String name, long seed, double refusalRate, AccuracyCurve perception, AccuracyCurve reasoning) {
        this(name, seed, refusalRate, perception, reasoning, AccuracyCurve.never(perception.fullTokens()));
    }
}
