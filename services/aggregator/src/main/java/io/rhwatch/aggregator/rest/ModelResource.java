package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.service.TalliesUnavailableException;
import io.rhwatch.aggregator.service.TallyQueries;
import io.rhwatch.aggregator.service.UnknownModelException;
import io.rhwatch.core.scoring.Curves;
import io.rhwatch.proto.v1.ModelTally;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The live RH-AUC and curves per model, read from the Kafka Streams state store. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final TallyQueries tallies;

    ModelResource(TallyQueries tallies) {
        this.tallies = tallies;
    }

    @GET
    public List<ModelSummary> models() {
        return tallies.all().stream().map(Curves::of).map(ModelSummary::of).toList();
    }

    // Model names may contain slashes (e.g. Qwen/Qwen2.5-VL-7B-Instruct).
    @GET
    @Path("/{model: .+}/curve")
    public CurveView curve(@PathParam("model") String model) {
        ModelTally tally = tallies.find(model).orElseThrow(() -> new UnknownModelException(model,
                tallies.all().stream().map(ModelTally::getModel).toList()));
        return CurveView.of(Curves.of(tally));
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
