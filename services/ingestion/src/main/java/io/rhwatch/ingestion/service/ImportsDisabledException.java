package io.rhwatch.ingestion.service;

/** Imports are off: no import root is configured, or it is not a directory. Answered 403, naming the setting. */
public class ImportsDisabledException extends InvalidFieldException {

    public ImportsDisabledException(String message) {
        super("path", message);
    }
}
