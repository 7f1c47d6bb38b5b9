package io.rhwatch.triton;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What guards the generations of one model besides retries: an in-flight limit (a bulkhead whose waiting calls hold
 * no thread) and a circuit breaker. Both optional: the judge, which asks one question at a time, has neither.
 *
 * @param maxInFlight generation attempts in flight to the model at once; further attempts wait their turn
 * @param breaker     opens on transient failures, so that a failing model is left alone for a while
 */
public record ModelLimits(OptionalInt maxInFlight, Optional<Breaker> breaker) {

    public static final ModelLimits NONE = new ModelLimits(OptionalInt.empty(), Optional.empty());

    /**
     * Opens when at least {@code failureRatio} of the last {@code window} calls failed transiently (UNAVAILABLE,
     * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED), refuses calls for {@code openFor} (they are retried with backoff like
     * transient failures), then lets one trial call through: success closes it, failure opens it again.
     */
    public record Breaker(String configPrefix, int window, double failureRatio, Duration openFor) {

        public Breaker {
            if (window < 1) {
                throw new IllegalArgumentException(configPrefix + ".window must be >= 1, was " + window);
            }
            if (!(failureRatio > 0 && failureRatio <= 1)) {
                throw new IllegalArgumentException(configPrefix + ".failure-ratio must be in (0, 1], was " + failureRatio);
            }
            if (openFor.isNegative()) {
                throw new IllegalArgumentException(configPrefix + ".open-for must be >= 0, was " + openFor);
            }
        }
    }
}
