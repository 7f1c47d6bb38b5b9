package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.Probe;

/** Writes the values of rh.probes: a question for one model, from corruption to inference. */
public class ProbeSerializer extends ProtobufSerializer<Probe> {
}
