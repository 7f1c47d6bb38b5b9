package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.ingestion.domain.ErrorBody;
import io.rhwatch.ingestion.domain.ImportFailure;
import io.rhwatch.ingestion.service.ImportPublishFailedException;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.ingestion.service.PublishFailedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as JSON {@code {"error", "field"}}: 400 for bad input, 503 when the broker did not take the write. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final MeterRegistry registry;

    public ErrorMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> invalidField(InvalidFieldException e) {
        registry.counter("rhwatch.ingestion.requests.rejected", "field", e.field()).increment();
        return RestResponse.status(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage(), e.field()));
    }

    /** A body that is not JSON at all; the JSON reader wraps the parse error in a 400. */
    @ServerExceptionMapper
    public Response unreadableBody(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidField(new InvalidFieldException("body", "not valid JSON: " + json.getOriginalMessage())).toResponse();
        }
        return e.getResponse();
    }

    /** A JSON value of the wrong type for the endpoint's request, named by its path. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> wrongType(MismatchedInputException e) {
        return invalidField(InvalidFieldException.wrongType(e));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> publishFailed(PublishFailedException e) {
        LOG.warn(e.getMessage());
        return RestResponse.status(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), null));
    }

    /** An import cut short by the broker: what is already written, and where it stopped, so a retry can skip it. */
    @ServerExceptionMapper
    public RestResponse<ImportFailure> importPublishFailed(ImportPublishFailedException e) {
        LOG.warn(e.getMessage());
        return RestResponse.status(Response.Status.SERVICE_UNAVAILABLE,
                new ImportFailure(e.getMessage(), e.acknowledgedIds(), e.failedIndex(), e.failedId()));
    }
}
