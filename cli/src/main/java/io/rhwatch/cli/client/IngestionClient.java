package io.rhwatch.cli.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The ingestion service's import API: {@code POST /v1/imports}. */
public final class IngestionClient {

    /** One record the ingestion service refused, and why. */
    public record Rejection(int index, String id, String field, String error) {
    }

    /** What an import accepted (ids in file order) and what it refused. */
    public record ImportResult(int accepted, List<String> ids, List<Rejection> rejected) {

        public ImportResult {
            ids = ids == null ? List.of() : List.copyOf(ids);
            rejected = rejected == null ? List.of() : List.copyOf(rejected);
        }
    }

    private final HttpJson http;

    public IngestionClient(URI base) {
        this.http = new HttpJson(base);
    }

    /** Imports a dataset file the service can read from disk; answers once every accepted sample is on rh.samples. */
    public ImportResult importFile(Path file) throws ServiceException {
        String call = "POST /v1/imports";
        // The service answers only after the broker acknowledged every sample.
        HttpResponse<String> response = http.post("/v1/imports", Map.of("path", file.toAbsolutePath().toString()),
                Duration.ofMinutes(10));
        if (response.statusCode() / 100 != 2) {
            throw HttpJson.failure(response, call + " of " + file);
        }
        return http.read(response, ImportResult.class, call);
    }
}
