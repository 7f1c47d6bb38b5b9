package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.Sample;

/** Writes the values of rh.samples: a sample to probe, from ingestion to corruption. */
public class SampleSerializer extends ProtobufSerializer<Sample> {
}
