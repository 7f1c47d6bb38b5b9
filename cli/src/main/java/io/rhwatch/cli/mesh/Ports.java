package io.rhwatch.cli.mesh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out local TCP ports: a preferred one when it is free, otherwise any free one, never the same one twice. */
final class Ports {

    private final Set<Integer> handedOut = new HashSet<>();

    /** The preferred port if it is free, otherwise any free port. */
    synchronized int preferred(int port) {
        if (!handedOut.contains(port) && isFree(port)) {
            handedOut.add(port);
            return port;
        }
        return any();
    }

    /** Exactly this port (0 = any free port); fails with a clear message when it is taken. */
    synchronized int required(int port, String what) {
        if (port == 0) {
            return any();
        }
        if (handedOut.contains(port) || !isFree(port)) {
            throw new MeshException("port " + port + " for " + what + " is already in use; choose another one (or 0 for any free port)");
        }
        handedOut.add(port);
        return port;
    }

    synchronized int any() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new MeshException("could not find a free local TCP port: " + e.getMessage(), e);
            }
        }
        throw new MeshException("could not find a free local TCP port after 20 attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
