package io.rhwatch.ingestion.messaging;

/** Channel names; application.properties maps them to topics. */
public final class Channels {

    /** Outgoing to rh.samples. */
    public static final String SAMPLES = "samples";
    /** Outgoing to rh.ingested: the ledger of accepted samples. */
    public static final String INGESTED = "ingested";
    /** Outgoing to rh.traffic: the records POST /v1/traffic accepted (not "traffic", which names no direction). */
    public static final String POSTED_TRAFFIC = "posted-traffic";

    /** Incoming from rh.traffic: production traffic, routed by io.rhwatch.ingestion.traffic. */
    public static final String TRAFFIC = "traffic";
    /** Outgoing to rh.responses: what models served in production (passive monitoring). */
    public static final String RESPONSES = "responses";

    private Channels() {
    }
}
