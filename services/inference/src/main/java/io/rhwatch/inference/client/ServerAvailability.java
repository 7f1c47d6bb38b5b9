package io.rhwatch.inference.client;

/**
 * Fired when the contract check finds Triton ready after it was not, or not ready (down, unreachable) after it was.
 *
 * @param ready  ServerReady answered true
 * @param detail what the check found, e.g. why Triton could not be asked
 */
public record ServerAvailability(boolean ready, String detail) {
}
