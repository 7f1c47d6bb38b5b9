package io.rhwatch.inference.messaging;

/** Channel names; application.properties maps them to topics. */
public final class Channels {

    /** rh.probes: what each model is asked, every budget level in one record. */
    public static final String PROBES = "probes";
    /** rh.responses: one answer per probe and budget level, keyed by probe_id. */
    public static final String RESPONSES = "responses";

    private Channels() {
    }
}
