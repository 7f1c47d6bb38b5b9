package io.rhwatch.support.serde;

import io.rhwatch.core.kafka.ProtobufSerializer;
import io.rhwatch.proto.v1.Response;

/** Writes the values of rh.responses: a model's answers, from inference (and passive traffic) to the judge. */
public class ResponseSerializer extends ProtobufSerializer<Response> {
}
