package io.rhwatch.inference.fake;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeTriton} as a real gRPC server on a random port and points the service's Triton client at it. */
public class FakeTritonResource implements QuarkusTestResourceLifecycleManager {

    private Server server;

    @Override
    public Map<String, String> start() {
        try {
            server = NettyServerBuilder.forPort(0)
                    .addService(new FakeTriton())
                    .maxInboundMessageSize(32 * 1024 * 1024)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake Triton gRPC server", e);
        }
        String port = String.valueOf(server.getPort());
        // In test mode Quarkus's gRPC client dials test-port (default 9001) instead of port.
        return Map.of(
                "rhwatch.inference.served-models", FakeTriton.MODEL,
                "quarkus.grpc.clients.triton.host", "localhost",
                "quarkus.grpc.clients.triton.port", port,
                "quarkus.grpc.clients.triton.test-port", port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
