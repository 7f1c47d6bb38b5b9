package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.rhwatch.ingestion.domain.ErrorBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.Set;

/**
 * Refusals that come before JAX-RS reads a body, in the same JSON shape as every other error: a body over
 * {@code quarkus.http.limits.max-body-size} (413; Quarkus's own answer has no body) and a body without a Content-Type
 * (415; JAX-RS would take it for JSON).
 */
@ApplicationScoped
public class RequestChecks {

    /** Before Quarkus's own body-size check (order -2), which answers 413 with an empty body. */
    private static final int BEFORE_QUARKUS_BODY_LIMIT = -3;
    private static final int AFTER_QUARKUS_BODY_LIMIT = -1;
    /** Where Quarkus's check leaves the limit for a body without Content-Length, for its stream to answer 413 bare. */
    private static final String QUARKUS_STREAMED_LIMIT = "io.quarkus.max-request-size";
    private static final Set<String> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final long maxBodyBytes;
    private final ObjectMapper mapper;

    public RequestChecks(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize, ObjectMapper mapper) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_QUARKUS_BODY_LIMIT).handler(this::refuseOversizedBody);
        // A chunked body is counted as JAX-RS reads it (StreamedBodyLimit), so its 413 is JSON too.
        router.route().order(AFTER_QUARKUS_BODY_LIMIT).handler(context -> {
            context.remove(QUARKUS_STREAMED_LIMIT);
            context.next();
        });
    }

    /** The body limit, for bodies whose size is only known once read. */
    long maxBodyBytes() {
        return maxBodyBytes;
    }

    private void refuseOversizedBody(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                answer(context, 400, new ErrorBody("Content-Length is not a number of bytes", "Content-Length"));
                return;
            }
            if (length > maxBodyBytes) {
                answer(context, 413, new ErrorBody(tooLarge(length + " bytes", maxBodyBytes), "body"));
                return;
            }
        }
        context.next();
    }

    static String tooLarge(String size, long maxBodyBytes) {
        return "body: " + size + " exceeds the limit of " + maxBodyBytes + " bytes (quarkus.http.limits.max-body-size)";
    }

    private void answer(RoutingContext context, int status, ErrorBody body) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an ErrorBody always serialises", e);
        }
        // the body is not read: close the connection rather than drain it
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json);
    }

    @ServerRequestFilter
    public Optional<RestResponse<ErrorBody>> requireContentType(ContainerRequestContext request) {
        if (WITH_BODY.contains(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE.toString()) == null) {
            return Optional.of(RestResponse.ResponseBuilder.create(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                            new ErrorBody("Content-Type is missing; send the body as " + MediaType.APPLICATION_JSON, "Content-Type"))
                    .type(MediaType.APPLICATION_JSON_TYPE).build());
        }
        return Optional.empty();
    }
}
