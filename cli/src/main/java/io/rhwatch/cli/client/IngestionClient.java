package io.rhwatch.cli.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The ingestion service's import API: {@code POST /v1/imports}. */
public final class IngestionClient {

    /** One record the ingestion service refused, and why. */
    public record Rejection(int index, String id, String field, String error) {
    }

    /** What an import accepted (ids in file order), what it had accepted in that epoch before, and what it refused. */
    public record ImportResult(int accepted, List<String> ids, List<String> duplicates, List<Rejection> rejected) {

        public ImportResult {
            ids = ids == null ? List.of() : List.copyOf(ids);
            duplicates = duplicates == null ? List.of() : List.copyOf(duplicates);
            rejected = rejected == null ? List.of() : List.copyOf(rejected);
        }
    }

    private final HttpJson http;

    /** @param token the bearer token the service's write endpoints demand (rhwatch.auth.token or an OIDC access token) */
    public IngestionClient(URI base, String token) {
        this.http = new HttpJson(base, Objects.requireNonNull(token, "token"));
    }

    /** Imports a dataset file the service can read from disk; answers once every accepted sample is on rh.samples. */
    public ImportResult importFile(Path file) throws ServiceException {
        return importFile(file, Map.<String, Object>of("path", file.toAbsolutePath().toString()));
    }

    /** Imports a dataset file as evaluation {@code epoch}: a higher epoch than before evaluates its samples again. */
    public ImportResult importFile(Path file, int epoch) throws ServiceException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", file.toAbsolutePath().toString());
        body.put("epoch", epoch);
        return importFile(file, body);
    }

    private ImportResult importFile(Path file, Map<String, Object> body) throws ServiceException {
        String call = "POST /v1/imports";
        // The service answers only after the broker acknowledged every sample.
        HttpResponse<String> response = http.post("/v1/imports", body, Duration.ofMinutes(10));
        if (response.statusCode() / 100 != 2) {
            throw HttpJson.failure(response, call + " of " + file);
        }
        return http.read(response, ImportResult.class, call);
    }
}
