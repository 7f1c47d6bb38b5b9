package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.TrafficRecord;

/** Reads the values of rh.traffic: production traffic, from its producers (or ingestion's REST API) to ingestion. */
public class TrafficRecordDeserializer extends ProtobufDeserializer<TrafficRecord> {

    public TrafficRecordDeserializer() {
        super(TrafficRecord.parser(), TrafficRecord.class);
    }
}
