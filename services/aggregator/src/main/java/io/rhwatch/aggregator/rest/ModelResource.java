package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.readmodel.ModelOverview;
import io.rhwatch.aggregator.readmodel.ModelWindows;
import io.rhwatch.aggregator.readmodel.ReadModel;
import io.rhwatch.aggregator.readmodel.ReadModelStores;
import io.rhwatch.aggregator.readmodel.ReadModelUnavailableException;
import io.rhwatch.aggregator.readmodel.UnknownModelException;
import io.rhwatch.aggregator.readmodel.WindowsView;
import io.rhwatch.core.scoring.view.CurveView;
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

/** The live RH-AUC, curves and examples of every model, from the {@link ReadModel} (any instance answers for all). */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    static final int DEFAULT_EXAMPLES = 20;

    private final ReadModel readModel;
    private final ModelWindows windows;

    ModelResource(ReadModel readModel, ModelWindows windows) {
        this.readModel = readModel;
        this.windows = windows;
    }

    @GET
    public List<ModelOverview> models() {
        return readModel.overview();
    }

    // Model names may contain slashes (e.g. Qwen/Qwen2.5-VL-7B-Instruct).
    @GET
    @Path("/{model: .+}/curve")
    public CurveView curve(@PathParam("model") String model) {
        return readModel.curve(model);
    }

    @GET
    @Path("/{model: .+}/windows")
    public WindowsView windows(@PathParam("model") String model) {
        return windows.of(model, System.currentTimeMillis());
    }

    @GET
    @Path("/{model: .+}/examples")
    public List<ExampleView> examples(@PathParam("model") String model,
                                      @QueryParam("limit") @DefaultValue("" + DEFAULT_EXAMPLES) String limit) {
        return readModel.examples(model, limit(limit)).stream().map(ExampleView::of).toList();
    }

    private static int limit(String value) {
        int max = ReadModelStores.EXAMPLES_PER_MODEL;
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
    RestResponse<ErrorBody> storeUnavailable(ReadModelUnavailableException e) {
        return RestResponse.ResponseBuilder.create(Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage(), null))
                .header("Retry-After", "1")
                .build();
    }
}
