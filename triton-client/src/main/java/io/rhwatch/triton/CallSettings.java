package io.rhwatch.triton;

import java.time.Duration;
import java.util.function.Function;

/**
 * How a service calls Triton: the deadline of each attempt and the retries of transient failures. Failure messages
 * name the service's own settings ({@code <configPrefix>.call-deadline}, {@code <configPrefix>.retry.max-retries}).
 *
 * @param configPrefix   where the service configures these, e.g. {@code rhwatch.inference}
 * @param metricPrefix   the service's metric names start with it, e.g. {@code rhwatch.inference}
 * @param subject        how failure messages name the calls of one model, e.g. "model 'm': Triton at host:8001"
 * @param callDeadline   the gRPC deadline of each attempt, which Triton sees too (a generation, or one check)
 * @param maxRetries     retries after the first attempt; 0 turns retrying off
 * @param initialBackoff the first backoff; it doubles with each retry up to {@code maxBackoff}
 * @param jitter         each backoff varies at random by up to this much, so failed calls do not return in lockstep
 */
public record CallSettings(String configPrefix, String metricPrefix, Function<String, String> subject,
                           Duration callDeadline, int maxRetries, Duration initialBackoff, Duration maxBackoff,
                           Duration jitter) {

    public CallSettings {
        if (callDeadline.isNegative() || callDeadline.isZero()) {
            throw new IllegalArgumentException(configPrefix + ".call-deadline must be positive, was " + callDeadline);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException(configPrefix + ".retry.max-retries must be >= 0, was " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(configPrefix + ".retry.max-backoff (" + maxBackoff + ") must be at least "
                    + configPrefix + ".retry.initial-backoff (" + initialBackoff + "), which must be >= 0");
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException(configPrefix + ".retry.jitter must be >= 0, was " + jitter);
        }
    }
}
