package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.service.ScorecardService;
import io.rhwatch.aggregator.service.TalliesUnavailableException;
import io.rhwatch.aggregator.service.UnknownModelException;
import io.rhwatch.aggregator.streams.TopologyProducer;
import io.rhwatch.core.scoring.view.CurveView;
import io.rhwatch.core.scoring.view.ModelSummary;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The live RH-AUC, curves and examples per model, read from the Kafka Streams state stores. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    static final int DEFAULT_EXAMPLES = 20;

    private final ScorecardService scorecards;

    ModelResource(ScorecardService scorecards) {
        this.scorecards = scorecards;
    }

    @GET
    public List<ModelSummary> models() {
        return scorecards.all().stream().map(ModelSummary::of).toList();
    }

    // Model names may contain slashes (e.g. Qwen/Qwen2.5-VL-7B-Instruct).
    @GET
    @Path("/{model: .+}/curve")
    public CurveView curve(@PathParam("model") String model) {
        return CurveView.of(scorecards.of(model));
    }

    @GET
    @Path("/{model: .+}/examples")
    public List<ExampleView> examples(@PathParam("model") String model,
                                      @QueryParam("limit") @DefaultValue("" + DEFAULT_EXAMPLES) String limit) {
        return scorecards.examples(model, limit(limit)).stream().map(ExampleView::of).toList();
    }

    private static int limit(String value) {
        int max = TopologyProducer.EXAMPLES_PER_MODEL;
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadRequestException("limit: must be a whole number from 1 to " + max
                + " (the examples kept per model), got '" + value + "'");
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> badRequest(BadRequestException e) {
        return RestResponse.status(Status.BAD_REQUEST, new ErrorBody(e.getMessage(), null));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> unknownModel(UnknownModelException e) {
        return RestResponse.status(Status.NOT_FOUND, new ErrorBody(e.getMessage(), e.knownModels()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> storeUnavailable(TalliesUnavailableException e) {
        return RestResponse.ResponseBuilder.create(Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), null))
                .header("Retry-After", "1")
                .build();
    }
}
