package io.rhwatch.aggregator.readmodel;

/** A CDI event: the read model holds a new curve for this model (live updates and gauges follow it). */
public record ModelChanged(String model) {
}
