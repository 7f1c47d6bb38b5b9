package io.rhwatch.modelsim.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The simulator as a stand-in for a GPU, under {@code rhwatch.sim.capacity} ({@link SimConfig#capacity()}): how many
 * requests it serves at once, how long each takes, and which faults it injects. The defaults (no slot limit, no service
 * time, no faults) keep the normal mesh fast; benchmarks and fault tests set them.
 */
public interface CapacitySettings {

    /** Requests served at once (like vLLM's max_num_seqs); more wait in a first-come queue. 0 = no limit. */
    @WithDefault("0")
    int slots();

    /** Fixed part of each request's service time, spent holding a slot. */
    @WithDefault("0s")
    Duration serviceTime();

    /** Part of the service time proportional to the tokens generated (per output token). */
    @WithDefault("0s")
    Duration serviceTimePerToken();

    Faults faults();

    /** Shares of requests that fail, in [0, 1]; drawn independently per request. */
    interface Faults {

        /** Fail at once with gRPC UNAVAILABLE, as a restarting model instance does. */
        @WithDefault("0")
        double unavailableRate();

        /** Take {@code slow-factor} times the service time. */
        @WithDefault("0")
        double slowRate();

        @WithDefault("10")
        double slowFactor();

        /** Send part of the responses, then go silent without ending the stream, as a lost connection does. */
        @WithDefault("0")
        double droppedStreamRate();

        /** Seed of the fault draws; absent = a different sequence every run. */
        OptionalLong seed();
    }
}
