package io.rhwatch.loadtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.benchmark.BenchmarkSample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts benchmark samples one by one to {@code POST /v1/samples}, as a producer service would: a POST that
 * fails because the ingestion service is down or answers 5xx is retried, with backoff, until it is
 * answered 2xx or {@code giveUpAfter} passes. A retry after a lost answer may publish the sample twice;
 * it has the same id, so downstream deduplication makes that harmless. A 4xx is the sample's fault and fails.
 */
final class SampleFeeder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private final URI samples;
    private final String authToken;
    private final Duration giveUpAfter;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong retries = new AtomicLong();

    private final String source;
    private final boolean labelled;

    /** @param authToken the bearer token ingestion demands for writes (the mesh's) */
    SampleFeeder(URI ingestion, String authToken, Duration giveUpAfter) {
        this(ingestion, authToken, giveUpAfter, "rhwatch-chaos", true);
    }

    /**
     * @param source   the samples' {@code source}
     * @param labelled false: every sample goes in with its answer withheld (an empty {@code answer}), as production
     *                 traffic comes
     */
    SampleFeeder(URI ingestion, String authToken, Duration giveUpAfter, String source, boolean labelled) {
        this.samples = ingestion.resolve("/v1/samples");
        this.authToken = authToken;
        this.giveUpAfter = giveUpAfter;
        this.source = source;
        this.labelled = labelled;
    }

    /** Posts one sample until it is accepted (2xx). */
    void post(BenchmarkSample sample) throws InterruptedException {
        String body = body(sample);
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        Duration wait = FIRST_RETRY;
        String lastFailure;
        while (true) {
            try {
                HttpResponse<String> answer = http.send(request(body), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return;
                }
                if (answer.statusCode() / 100 == 4) {
                    throw new IllegalStateException("POST " + samples + " of " + sample.id() + " answered " + answer.statusCode()
                            + ": " + answer.body());
                }
                lastFailure = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                lastFailure = e.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("POST " + samples + " of " + sample.id() + " still failed after "
                        + giveUpAfter.toSeconds() + " s: " + lastFailure);
            }
            retries.incrementAndGet();
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
        }
    }

    /** POSTs repeated because one failed. */
    long retries() {
        return retries.get();
    }

    /** The one place a request to the ingestion service is built, so its headers are set in one place. */
    private HttpRequest request(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(samples).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authToken != null && !authToken.isBlank()) {
            request.header("Authorization", "Bearer " + authToken.strip());
        }
        return request.build();
    }

    private String body(BenchmarkSample sample) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", sample.id());
        fields.put("source", source);
        fields.put("task", sample.task());
        fields.put("question_type", sample.questionType());
        fields.put("question", sample.question());
        fields.put("choices", sample.choices());
        fields.put("answer", labelled ? sample.answer() : "");
        fields.put("image", Base64.getEncoder().encodeToString(sample.png()));
        fields.put("image_media_type", "image/png");
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("could not write sample " + sample.id() + " as JSON", e);
        }
    }
}
