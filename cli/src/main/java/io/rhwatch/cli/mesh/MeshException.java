package io.rhwatch.cli.mesh;

/** The mesh could not start or stopped working; the message says which part and where its log is. */
public class MeshException extends RuntimeException {

    public MeshException(String message) {
        super(message);
    }

    public MeshException(String message, Throwable cause) {
        super(message, cause);
    }
}
