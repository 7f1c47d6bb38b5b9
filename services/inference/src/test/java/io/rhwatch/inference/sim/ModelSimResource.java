package io.rhwatch.inference.sim;

import io.rhwatch.testsupport.AbstractModelSimResource;

import java.util.Map;

/**
 * Runs the simulator as a process with a small GPU (2 slots, 150 ms per request) that fails a fifth of its requests
 * with UNAVAILABLE, and points the service's Triton client at it.
 */
public class ModelSimResource extends AbstractModelSimResource {

    public static final int SLOTS = 2;
    public static final double UNAVAILABLE_RATE = 0.2;

    public ModelSimResource() {
        super("triton", Map.of(
                "rhwatch.sim.capacity.slots", String.valueOf(SLOTS),
                "rhwatch.sim.capacity.service-time", "150ms",
                "rhwatch.sim.capacity.faults.unavailable-rate", String.valueOf(UNAVAILABLE_RATE),
                "rhwatch.sim.capacity.faults.seed", "7"));
    }
}
