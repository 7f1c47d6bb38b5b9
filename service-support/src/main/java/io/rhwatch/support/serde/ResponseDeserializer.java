package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufDeserializer;
import io.rhwatch.proto.v1.Response;

/** Reads the values of rh.responses: a model's answers, from inference (and passive traffic) to the judge. */
public class ResponseDeserializer extends ProtobufDeserializer<Response> {

    public ResponseDeserializer() {
        super(Response.parser(), Response.class);
    }
}
