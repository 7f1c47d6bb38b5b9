package io.rhwatch.judge.messaging;

/** Channel names; application.properties maps them to topics. */
public final class Channels {

    /** rh.responses: the model's answers, one per budget level. */
    public static final String RESPONSES = "responses";
    /** rh.judgments: one verdict per response, keyed by model. */
    public static final String JUDGMENTS = "judgments";

    private Channels() {
    }
}
