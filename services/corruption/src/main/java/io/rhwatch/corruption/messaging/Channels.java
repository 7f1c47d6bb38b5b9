package io.rhwatch.corruption.messaging;

/** Channel names; application.properties maps them to topics. */
public final class Channels {

    /** Incoming from rh.samples. */
    public static final String SAMPLES = "samples";

    /** Outgoing to rh.probes. */
    public static final String PROBES = "probes";

    private Channels() {
    }
}
