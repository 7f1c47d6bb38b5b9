package io.rhwatch.cli.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clients against a real HTTP server answering the shapes docs/ARCHITECTURE.md and the ingestion API define. */
class ClientsTest {

    private HttpServer server;
    private URI base;
    private static final String TOKEN = "a-token-of-the-length-the-services-want-0123";
    private final AtomicReference<String> importBody = new AtomicReference<>();
    private final AtomicReference<String> importAuthorization = new AtomicReference<>();
    private final AtomicReference<String> readAuthorization = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/v1/models", exchange -> {
            readAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/v1/models")) {
                answer(exchange, 200, """
                        [{"model":"rh-sim-drifty","rh_auc":null,"rh_auc_ci":null,"rh_auc_raw":0.61,"rh_auc_raw_ci":[0.5,0.7],
                          "reason":"perception accuracy is flat","judged":12,"extra":1},
                         {"model":"rh-sim-steady","rh_auc":0.75,"rh_auc_ci":[0.6,0.9],"rh_auc_raw":0.8,"rh_auc_raw_ci":[0.7,0.85],
                          "reason":"","judged":3200}]""");
            } else if (path.equals("/v1/models/rh-sim-steady/curve")) {
                answer(exchange, 200, """
                        {"model":"rh-sim-steady","rh_auc":0.75,"rh_auc_ci":[0.6,0.9],"rh_auc_raw":0.8,"rh_auc_raw_ci":[0.7,0.85],
                         "reason":"","judged":3200,
                         "points":[{"budget":0,"reasoning_accuracy":0.4,"reasoning_ci":[0.27,0.54],"perception_accuracy":0.9,
                                    "perception_ci":[0.79,0.96],"reasoning_n":50,"reasoning_correct":20,"perception_n":50,
                                    "perception_correct":45}],
                         "cells":[{"budget":0,"task":"perception","corruption":"blank_image","judged":50,"correct":5,
                                   "accuracy":0.1,"accuracy_ci":[0.04,0.21],"unparseable":1,"censored":0}]}""");
            } else if (path.equals("/v1/models/a%20b/curve")) {
                answer(exchange, 503, "{\"error\":\"the state store is not queryable yet\"}");
            } else {
                answer(exchange, 404, "{\"error\":\"unknown model\"}");
            }
        });
        server.createContext("/v1/imports", exchange -> {
            importBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            importAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            if (importBody.get().contains("missing")) {
                answer(exchange, 400, "{\"error\":\"cannot read the file\",\"field\":\"path\"}");
            } else {
                answer(exchange, 202, """
                        {"accepted":2,"ids":["s1","s2"],"rejected":[{"index":2,"id":"s3","field":"image","error":"not found"}]}""");
            }
        });
        server.start();
        base = URI.create("http://localhost:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readsModelsAndCurvesInSnakeCase() throws ServiceException {
        AggregatorClient client = new AggregatorClient(base, null);

        assertThat(client.models()).containsExactly(
                new AggregatorClient.ModelSummary("rh-sim-drifty", null, null, 0.61, List.of(0.5, 0.7), "perception accuracy is flat", 12),
                new AggregatorClient.ModelSummary("rh-sim-steady", 0.75, List.of(0.6, 0.9), 0.8, List.of(0.7, 0.85), "", 3200));
        AggregatorClient.ModelCurve curve = client.curve("rh-sim-steady").orElseThrow();
        assertThat(curve.rhAucCi()).containsExactly(0.6, 0.9);
        assertThat(curve.rhAucRawCi()).containsExactly(0.7, 0.85);
        assertThat(curve.points()).containsExactly(
                new AggregatorClient.Point(0, 0.4, List.of(0.27, 0.54), 0.9, List.of(0.79, 0.96), 50, 20, 50, 45));
        assertThat(curve.cells()).containsExactly(
                new AggregatorClient.Cell(0, "perception", "blank_image", 50, 5, 0.1, List.of(0.04, 0.21), 1, 0));
    }

    @Test
    void readsCarryTheTokenOnlyWhenGivenOne() throws ServiceException {
        new AggregatorClient(base, null).models();
        assertThat(readAuthorization.get()).isNull();

        new AggregatorClient(base, TOKEN).models();
        assertThat(readAuthorization.get()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void anUnknownModelHasNoCurveAndOtherErrorsCarryTheServicesMessage() throws ServiceException {
        AggregatorClient client = new AggregatorClient(base, null);

        assertThat(client.curve("nobody")).isEmpty();
        assertThatThrownBy(() -> client.curve("a b"))
                .isInstanceOf(ServiceException.class)
                .hasMessage("GET /v1/models/a%20b/curve answered 503: the state store is not queryable yet");
    }

    @Test
    void aServiceThatIsNotThereIsNamedInTheError() {
        server.stop(0);

        assertThatThrownBy(() -> new AggregatorClient(base, null).models())
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("GET /v1/models on " + base + " failed: ");
    }

    @Test
    void importsAFileByItsAbsolutePath() throws ServiceException {
        IngestionClient.ImportResult result = new IngestionClient(base, TOKEN).importFile(Path.of("bench/samples.jsonl"));

        assertThat(importBody.get()).isEqualTo("{\"path\":\"" + Path.of("bench/samples.jsonl").toAbsolutePath() + "\"}");
        assertThat(importAuthorization.get()).isEqualTo("Bearer " + TOKEN);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.ids()).containsExactly("s1", "s2");
        assertThat(result.rejected()).containsExactly(new IngestionClient.Rejection(2, "s3", "image", "not found"));
    }

    @Test
    void aRefusedImportSaysWhy() {
        assertThatThrownBy(() -> new IngestionClient(base, TOKEN).importFile(Path.of("/missing.jsonl")))
                .isInstanceOf(ServiceException.class)
                .hasMessage("POST /v1/imports of /missing.jsonl answered 400: cannot read the file");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
