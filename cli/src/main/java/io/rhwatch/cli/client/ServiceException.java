package io.rhwatch.cli.client;

import java.io.IOException;

/** A service answered with an error status, or not at all; the message names the call and the cause. */
public class ServiceException extends IOException {

    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
