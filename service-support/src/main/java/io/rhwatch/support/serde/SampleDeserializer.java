package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.Sample;

/** Reads the values of rh.samples: a sample to probe, from ingestion to corruption. */
public class SampleDeserializer extends ProtobufDeserializer<Sample> {

    public SampleDeserializer() {
        super(Sample.parser(), Sample.class);
    }
}
