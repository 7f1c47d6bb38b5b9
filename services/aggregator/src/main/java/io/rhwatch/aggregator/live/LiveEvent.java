package io.rhwatch.aggregator.live;

/** One server-sent event: its name and its JSON document. */
public record LiveEvent(String name, String json) {
}
