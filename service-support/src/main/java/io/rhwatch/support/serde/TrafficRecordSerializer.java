package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.TrafficRecord;

/** Writes the values of rh.traffic: production traffic, from its producers (or ingestion's REST API) to ingestion. */
public class TrafficRecordSerializer extends ProtobufSerializer<TrafficRecord> {
}
