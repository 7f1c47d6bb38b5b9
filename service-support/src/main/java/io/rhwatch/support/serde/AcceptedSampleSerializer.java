package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.AcceptedSample;

/** Writes the values of rh.ingested: ingestion's ledger of accepted samples. */
public class AcceptedSampleSerializer extends ProtobufSerializer<AcceptedSample> {
}
