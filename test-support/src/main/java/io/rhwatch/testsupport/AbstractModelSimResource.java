package io.rhwatch.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs the simulator as a process ({@link ModelSimProcess}) for a @QuarkusTest and points one of the service's gRPC
 * clients at it. A subclass names the client and the simulator's settings; tests reach the running process through
 * {@link #sim()} (one simulator per test JVM at a time, as Quarkus runs one test resource set at a time).
 */
public abstract class AbstractModelSimResource implements QuarkusTestResourceLifecycleManager {

    private static volatile ModelSimProcess sim;

    private final String grpcClient;
    private final Map<String, String> settings;

    /**
     * @param grpcClient the quarkus.grpc.clients.&lt;name&gt; to point at the simulator
     * @param settings   the simulator's configuration, e.g. rhwatch.sim.capacity.slots=2
     */
    protected AbstractModelSimResource(String grpcClient, Map<String, String> settings) {
        this.grpcClient = grpcClient;
        this.settings = Map.copyOf(settings);
    }

    /** The running simulator, to stop and restart it or read its metrics. */
    public static ModelSimProcess sim() {
        return sim;
    }

    @Override
    public Map<String, String> start() {
        sim = new ModelSimProcess(settings);
        sim.start();
        String port = String.valueOf(sim.grpcPort());
        String client = "quarkus.grpc.clients." + grpcClient;
        // In test mode Quarkus's gRPC client dials test-port (default 9001) instead of port.
        return Map.of(
                client + ".host", "localhost",
                client + ".port", port,
                client + ".test-port", port);
    }

    @Override
    public void stop() {
        if (sim != null) {
            sim.stop();
        }
    }
}
