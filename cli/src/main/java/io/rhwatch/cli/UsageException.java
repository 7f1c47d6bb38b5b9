package io.rhwatch.cli;

/** A command line the CLI cannot run; the message names the option and what it accepts. */
public class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
