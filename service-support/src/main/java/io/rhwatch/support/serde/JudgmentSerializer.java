package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.Judgment;

/** Writes the values of rh.judgments: a judged response, from the judge to the aggregator. */
public class JudgmentSerializer extends ProtobufSerializer<Judgment> {
}
