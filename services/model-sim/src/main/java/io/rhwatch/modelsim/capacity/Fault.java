package io.rhwatch.modelsim.capacity;

/** What the simulated GPU does to one request. */
public enum Fault {
    /** Served normally. */
    NONE,
    /** Rejected at once with gRPC UNAVAILABLE. */
    UNAVAILABLE,
    /** Served, but {@code slow-factor} times slower. */
    SLOW,
    /** Part of the responses sent, then silence: the stream never ends, so only the client's deadline frees it. */
    DROPPED
}
