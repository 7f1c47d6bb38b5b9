package io.rhwatch.ingestion.messaging;

/** Channel names; application.properties maps them to topics. */
public final class Channels {

    /** Outgoing to rh.samples. */
    public static final String SAMPLES = "samples";

    private Channels() {
    }
}
