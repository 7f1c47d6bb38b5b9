package io.rhwatch.modelsim.service;

/**
 * A share (an accuracy, or how often a model leans on its text prior) as a function of thinking tokens T:
 * {@code atZero + (atFull - atZero) * (min(T, fullTokens) / fullTokens)^exponent}.
 * An exponent above 1 keeps the start level long and changes late; below 1 changes early and then levels off.
 */
public record AccuracyCurve(double atZero, double atFull, double exponent, int fullTokens) {

    public AccuracyCurve {
        requireProbability("at-zero", atZero);
        requireProbability("at-full", atFull);
        if (!(exponent > 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("exponent must be a positive number, got " + exponent);
        }
        if (fullTokens < 1) {
            throw new IllegalArgumentException("full-thinking-tokens must be at least 1, got " + fullTokens);
        }
    }

    /** Zero at every thinking length. */
    public static AccuracyCurve never(int fullTokens) {
        return new AccuracyCurve(0, 0, 1, fullTokens);
    }

    public double at(int thinkingTokens) {
        double progress = Math.min(Math.max(thinkingTokens, 0), fullTokens) / (double) fullTokens;
        return atZero + (atFull - atZero) * Math.pow(progress, exponent);
    }

    static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
