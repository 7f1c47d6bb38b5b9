package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.AcceptedSamples;
import io.rhwatch.ingestion.messaging.SamplePublisher;
import io.rhwatch.ingestion.service.PublishFailedException;
import io.rhwatch.ingestion.service.SampleValidator;
import io.rhwatch.proto.v1.Sample;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/** {@code POST /v1/samples}: one VQA sample, answered 202 only once the broker holds it. */
@Path("/v1/samples")
public class SampleResource {

    private final SampleValidator validator;
    private final SamplePublisher publisher;
    private final IngestionConfig config;

    public SampleResource(SampleValidator validator, SamplePublisher publisher, IngestionConfig config) {
        this.validator = validator;
        this.publisher = publisher;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<AcceptedSamples> ingest(JsonNode body) {
        Sample sample = validator.validate(validator.read(body));
        try {
            publisher.publish(sample).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new PublishFailedException("rh.samples: the broker did not acknowledge sample " + sample.getSampleId(), e);
        }
        return RestResponse.status(Response.Status.ACCEPTED, new AcceptedSamples(List.of(sample.getSampleId())));
    }
}
