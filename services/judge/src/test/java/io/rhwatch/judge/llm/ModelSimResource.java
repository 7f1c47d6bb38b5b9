package io.rhwatch.judge.llm;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Runs the simulator as a process and points the judge's "judge-triton" gRPC client at it. */
public class ModelSimResource implements QuarkusTestResourceLifecycleManager {

    private static ModelSimProcess sim;

    public static ModelSimProcess sim() {
        return sim;
    }

    @Override
    public Map<String, String> start() {
        sim = new ModelSimProcess();
        sim.start();
        String port = String.valueOf(sim.grpcPort());
        // In test mode Quarkus's gRPC client dials test-port (default 9001) instead of port.
        return Map.of(
                "quarkus.grpc.clients.judge-triton.host", "localhost",
                "quarkus.grpc.clients.judge-triton.port", port,
                "quarkus.grpc.clients.judge-triton.test-port", port);
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.stop();
        }
    }
}
