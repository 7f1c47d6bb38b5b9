package io.rhwatch.cli.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The aggregator's read API (docs/ARCHITECTURE.md, "Aggregator API"). */
public final class AggregatorClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One row of {@code GET /v1/models}; RH-AUC values are null with a reason when they cannot be computed.
     * Intervals ({@code *Ci}) are {@code [low, high]} (95%), null where the value is.
     */
    public record ModelSummary(String model, Double rhAuc, List<Double> rhAucCi, Double rhAucRaw, List<Double> rhAucRawCi,
                               String reason, long judged) {
    }

    /** One level of the curve: clean-probe accuracy of both tasks at one thinking budget, with Wilson intervals. */
    public record Point(int budget, double reasoningAccuracy, List<Double> reasoningCi, double perceptionAccuracy,
                        List<Double> perceptionCi, long reasoningN, long reasoningCorrect, long perceptionN, long perceptionCorrect) {
    }

    /** Counts of one budget level × task × corruption. */
    public record Cell(int budget, String task, String corruption, long judged, long correct, Double accuracy,
                       List<Double> accuracyCi, long unparseable, long censored) {
    }

    /** {@code GET /v1/models/{model}/curve}: RH-AUC with its bootstrap intervals, the points and the cells. */
    public record ModelCurve(String model, Double rhAuc, List<Double> rhAucCi, Double rhAucRaw, List<Double> rhAucRawCi,
                             String reason, long judged, List<Point> points, List<Cell> cells) {

        public ModelCurve {
            points = points == null ? List.of() : List.copyOf(points);
            cells = cells == null ? List.of() : List.copyOf(cells);
        }
    }

    private final HttpJson http;

    /** @param token the bearer token, for an aggregator with rhwatch.auth.read-access=token; null: none */
    public AggregatorClient(URI base, String token) {
        this.http = new HttpJson(base, token);
    }

    public List<ModelSummary> models() throws ServiceException {
        String call = "GET /v1/models";
        HttpResponse<String> response = http.get("/v1/models", TIMEOUT);
        if (response.statusCode() != 200) {
            throw HttpJson.failure(response, call);
        }
        return http.read(response, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, ModelSummary.class), call);
    }

    /** The model's curve, or empty while the aggregator has no judgment of it yet (404). */
    public Optional<ModelCurve> curve(String model) throws ServiceException {
        String path = "/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("+", "%20") + "/curve";
        HttpResponse<String> response = http.get(path, TIMEOUT);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw HttpJson.failure(response, "GET " + path);
        }
        return Optional.of(http.read(response, ModelCurve.class, "GET " + path));
    }
}
