package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.Probe;

/** Reads the values of rh.probes: a question for one model, from corruption to inference. */
public class ProbeDeserializer extends ProtobufDeserializer<Probe> {

    public ProbeDeserializer() {
        super(Probe.parser(), Probe.class);
    }
}
