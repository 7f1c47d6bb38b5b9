package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.ingestion.domain.ErrorBody;
import io.rhwatch.ingestion.domain.ImportFailure;
import io.rhwatch.ingestion.service.DecodeUnavailableException;
import io.rhwatch.ingestion.service.ImportPublishFailedException;
import io.rhwatch.ingestion.service.ImportStoppedException;
import io.rhwatch.ingestion.service.ImportsDisabledException;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.ingestion.service.JsonInputErrors;
import io.rhwatch.ingestion.service.PublishFailedException;
import io.rhwatch.ingestion.service.TextRules;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Objects;
import java.util.Set;

/**
 * Every error is JSON {@code {"error", "field"}}: 400 for bad input, 403 when imports are off, 404/405/406/415 for
 * requests the API has no answer to, 503 when the broker did not take the write or an image could not be decoded now.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Seconds a client should wait before retrying a 503 for decode capacity. */
    private static final int RETRY_AFTER_SECONDS = 5;

    /** What an error can point a lost client to. */
    private static final String API = "POST /v1/samples, POST /v1/imports and POST /v1/traffic";
    private static final Set<String> COUNTED_FIELDS = Set.of("body", "record", "path", "id", "source", "task",
            "question_type", "question", "choices", "choices[]", "answer", "image", "image_media_type", "records", "request_id",
            "timestamp_ms", "model", "model_version", "served_output", "served_reasoning_tokens");

    private final MeterRegistry registry;

    public ErrorMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> invalidField(InvalidFieldException e) {
        registry.counter("rhwatch.ingestion.requests.rejected", "field", counted(e.field())).increment();
        return json(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> importsDisabled(ImportsDisabledException e) {
        return json(Response.Status.FORBIDDEN, new ErrorBody(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> unreadableJson(JacksonException e) {
        return invalidField(JsonInputErrors.of(e, "the body", "body"));
    }

    /**
     * An unknown field, a value of the wrong type, or a second JSON value in the body: the JSON reader passes these on
     * raw, and Quarkus's own mapper for them would answer without saying which field.
     */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /**
     * What JAX-RS refuses before a resource runs: malformed JSON (wrapped by the JSON reader), an unknown path (404),
     * a method (405), an Accept (406) or a Content-Type (415) the API does not serve. Same JSON shape as every error.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JacksonException json) {
            return unreadableJson(json).toResponse();
        }
        Response original = e.getResponse();
        String path = TextRules.shown(request.path(), 256);
        String error;
        String field = null;
        if (e instanceof NotAllowedException) {
            error = "method " + TextRules.shown(request.method().name()) + " is not allowed on " + path + "; the API is " + API;
        } else if (e instanceof NotSupportedException) {
            field = "Content-Type";
            error = "Content-Type " + TextRules.shown(Objects.toString(request.getHeader(HttpHeaders.CONTENT_TYPE), "(none)"))
                    + " is not supported on " + path + "; send " + MediaType.APPLICATION_JSON;
        } else if (e instanceof NotAcceptableException) {
            field = "Accept";
            error = "this API answers only " + MediaType.APPLICATION_JSON + "; the request's Accept does not allow it";
        } else if (e instanceof NotFoundException) {
            error = "no resource at " + path + "; the API is " + API;
        } else {
            error = original.getStatusInfo().getReasonPhrase();
        }
        Response.ResponseBuilder answer = Response.fromResponse(original).entity(new ErrorBody(error, field))
                .type(MediaType.APPLICATION_JSON_TYPE);
        return answer.build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> bodyTooLarge(StreamedBodyLimit.TooLargeException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.REQUEST_ENTITY_TOO_LARGE, new ErrorBody(e.getMessage(), "body"))
                .header("Connection", "close").type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ErrorBody> publishFailed(PublishFailedException e) {
        LOG.warn(e.getMessage());
        return json(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), null));
    }

    /** An import cut short by the broker: what is already written, and where it stopped, so a retry can skip it. */
    @ServerExceptionMapper
    public RestResponse<ImportFailure> importPublishFailed(ImportPublishFailedException e) {
        LOG.warn(e.getMessage());
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                        e.failure())
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** No memory or no free slot to decode an image: the server's state, not the image's fault. */
    @ServerExceptionMapper
    public RestResponse<ErrorBody> decodeUnavailable(DecodeUnavailableException e) {
        LOG.warn(e.getMessage());
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), "image"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public RestResponse<ImportFailure> importStopped(ImportStoppedException e) {
        LOG.warn(e.getMessage());
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                        e.failure())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static <T> RestResponse<T> json(Response.Status status, T body) {
        return RestResponse.ResponseBuilder.create(status, body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Field paths carry indexes and, for unknown fields, the client's names: the metric's tags stay a fixed set. */
    private static String counted(String field) {
        // a record of a traffic batch counts as its field: records[3].question as question
        String base = field.replaceFirst("^records\\[\\d+]\\.", "").replaceAll("\\[\\d+]", "[]");
        return COUNTED_FIELDS.contains(base) ? base : "other";
    }
}
