package io.rhwatch.inference.sim;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs the simulator as a process with a small GPU (2 slots, 150 ms per request) that fails a fifth of its requests
 * with UNAVAILABLE, and points the service's Triton client at it.
 */
public class ModelSimResource implements QuarkusTestResourceLifecycleManager {

    public static final int SLOTS = 2;
    public static final double UNAVAILABLE_RATE = 0.2;

    private static ModelSimProcess sim;

    public static ModelSimProcess sim() {
        return sim;
    }

    @Override
    public Map<String, String> start() {
        sim = new ModelSimProcess(Map.of(
                "rhwatch.sim.capacity.slots", String.valueOf(SLOTS),
                "rhwatch.sim.capacity.service-time", "150ms",
                "rhwatch.sim.capacity.faults.unavailable-rate", String.valueOf(UNAVAILABLE_RATE),
                "rhwatch.sim.capacity.faults.seed", "7"));
        sim.start();
        String port = String.valueOf(sim.grpcPort());
        // In test mode Quarkus's gRPC client dials test-port (default 9001) instead of port.
        return Map.of(
                "quarkus.grpc.clients.triton.host", "localhost",
                "quarkus.grpc.clients.triton.port", port,
                "quarkus.grpc.clients.triton.test-port", port);
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.stop();
        }
    }
}
