package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.AcceptedSamples;
import io.rhwatch.ingestion.ledger.Admission;
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
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/samples}: one VQA sample, answered 202 only once the broker holds it, or 200 with
 * {@code "duplicate": true} when this sample was accepted in this epoch before (and is not written again).
 */
@Path("/v1/samples")
public class SampleResource {

    private final SampleValidator validator;
    private final SamplePublisher publisher;
    private final Admission admission;
    private final IngestionConfig config;

    public SampleResource(SampleValidator validator, SamplePublisher publisher, Admission admission, IngestionConfig config) {
        this.validator = validator;
        this.publisher = publisher;
        this.admission = admission;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<AcceptedSamples> ingest(JsonNode body) {
        Sample sample = validator.validate(validator.read(body));
        Admission.Claim claim = admission.claim(sample);
        if (claim.duplicate()) {
            // Already on rh.samples in this epoch: 200, so a client retrying after a lost answer sees success.
            return RestResponse.status(Response.Status.OK, new AcceptedSamples(List.of(sample.getSampleId()), sample.getEpoch(), true));
        }
        try {
            publisher.publish(sample).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            claim.failed();
            throw new PublishFailedException("rh.samples: the broker did not acknowledge sample " + sample.getSampleId(), e);
        }
        claim.written().toCompletableFuture().completeOnTimeout(null, config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS).join();
        return RestResponse.status(Response.Status.ACCEPTED,
                new AcceptedSamples(List.of(sample.getSampleId()), sample.getEpoch(), claim.duplicateAnswer()));
    }
}
