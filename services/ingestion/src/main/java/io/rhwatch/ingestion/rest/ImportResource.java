package io.rhwatch.ingestion.rest;

import io.rhwatch.ingestion.domain.ImportRequest;
import io.rhwatch.ingestion.domain.ImportResult;
import io.rhwatch.ingestion.service.ImportService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST /v1/imports}: a dataset file on the server's disk, answered once every accepted record is on rh.samples. */
@Path("/v1/imports")
public class ImportResource {

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<ImportResult> importDataset(ImportRequest request) {
        return RestResponse.status(Response.Status.ACCEPTED, imports.importFile(request));
    }
}
