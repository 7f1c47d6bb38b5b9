package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.readmodel.ReadModel;
import io.rhwatch.aggregator.readmodel.ReadModelUnavailableException;
import io.rhwatch.core.ModelKey;
import io.rhwatch.core.scoring.view.ComparisonView;
import io.rhwatch.core.scoring.view.ModelSummary;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * GET /v1/compare?a=NAME@VERSION&amp;b=NAME@VERSION: two models or versions on the samples both have
 * seen ({@link ComparisonView}), from the {@link ReadModel}. A parameter that is missing, malformed or
 * names no counted model is a 400 naming it, with the known models.
 */
@Path("/v1/compare")
@Produces(MediaType.APPLICATION_JSON)
public class CompareResource {

    private final ReadModel readModel;

    CompareResource(ReadModel readModel) {
        this.readModel = readModel;
    }

    @GET
    public ComparisonView compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        List<String> known = readModel.models().stream().map(ModelSummary::model).toList();
        return readModel.compare(key("a", a, known), key("b", b, known));
    }

    private static String key(String parameter, String value, List<String> known) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameter(parameter + ": missing; expected NAME@VERSION (or NAME for the default version)", known);
        }
        String key;
        try {
            key = ModelKey.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter(parameter + ": " + e.getMessage(), known);
        }
        if (!known.contains(key)) {
            throw new InvalidParameter(parameter + ": unknown model '" + key + "': no judgments counted for it; "
                    + (known.isEmpty() ? "no models counted yet" : "known models: " + String.join(", ", known)), known);
        }
        return key;
    }

    /** A bad query parameter, with the models that are known. */
    static final class InvalidParameter extends BadRequestException {

        private final List<String> known;

        InvalidParameter(String message, List<String> known) {
            super(message);
            this.known = known;
        }
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> invalidParameter(InvalidParameter e) {
        return RestResponse.status(Status.BAD_REQUEST, new ErrorBody(e.getMessage(), e.known));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> storeUnavailable(ReadModelUnavailableException e) {
        return RestResponse.ResponseBuilder.create(Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), null))
                .header("Retry-After", "1")
                .build();
    }
}
