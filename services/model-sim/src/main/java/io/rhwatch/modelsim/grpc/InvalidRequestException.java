package io.rhwatch.modelsim.grpc;

/** A request the server refuses; the message names the input or parameter and the limit, and goes back to the client. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
