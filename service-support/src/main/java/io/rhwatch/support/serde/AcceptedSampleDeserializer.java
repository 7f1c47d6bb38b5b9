package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.AcceptedSample;

/** Reads the values of rh.ingested: ingestion's ledger of accepted samples. */
public class AcceptedSampleDeserializer extends ProtobufDeserializer<AcceptedSample> {

    public AcceptedSampleDeserializer() {
        super(AcceptedSample.parser(), AcceptedSample.class);
    }
}
