package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.Judgment;

/** Reads the values of rh.judgments: a judged response, from the judge to the aggregator. */
public class JudgmentDeserializer extends ProtobufDeserializer<Judgment> {

    public JudgmentDeserializer() {
        super(Judgment.parser(), Judgment.class);
    }
}
