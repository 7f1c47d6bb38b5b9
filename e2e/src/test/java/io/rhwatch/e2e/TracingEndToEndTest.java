package io.rhwatch.e2e;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.benchmark.BenchmarkWriter;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.e2e.OtlpReceiver.Span;
import io.rhwatch.proto.v1.Corruption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * With tracing on ({@code ./rhwatch up --otlp-endpoint}), one sample POSTed to ingestion is one trace: from the HTTP
 * request through every Kafka hop (the context travels in record headers) and inference's gRPC call to the model
 * server, to each of its judgments on rh.judgments. The services export to an OTLP receiver in this JVM.
 */
class TracingEndToEndTest {

    static final List<Integer> BUDGETS = List.of(0, 64);
    static final Duration TRACE_TIMEOUT = Duration.ofMinutes(4);

    static OtlpReceiver receiver;
    static Mesh mesh;
    static int judgmentsExpected;
    static List<Span> trace;

    @RegisterExtension
    static final LogsOnFailure LOGS = new LogsOnFailure(() -> mesh == null ? null : mesh.logsDir());

    @BeforeAll
    static void postOneSampleToATracedMesh() throws Exception {
        receiver = new OtlpReceiver();
        MeshOptions options = MeshOptions.defaults(E2e.home(), E2e.newRunDir("tracing")).withAnyFreePorts()
                .withProbes(BUDGETS, List.of(Corruption.CORRUPTION_BLANK_IMAGE)).withTracing(receiver.endpoint());
        judgmentsExpected = options.judgmentsPerSample() * options.models().size();
        mesh = new Mesh(options, E2e::progress);
        mesh.start();

        BenchmarkSample sample = BenchmarkGenerator.generate(1, 11).get(0);
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mesh.ingestionUrl().resolve("/v1/samples"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + options.authToken())
                .POST(HttpRequest.BodyPublishers.ofString(json(sample))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as("POST /v1/samples: %s", posted.body()).isEqualTo(202);

        E2e.progress("waiting for the trace of " + sample.id() + " to reach its " + judgmentsExpected + " judgments");
        long deadline = System.nanoTime() + TRACE_TIMEOUT.toNanos();
        while ((trace = traceOfThePost()).stream().filter(s -> isProducerOn(s, MeshPlan.JUDGMENTS)).count() < judgmentsExpected) {
            if (System.nanoTime() > deadline) {
                fail("within " + TRACE_TIMEOUT.toMinutes() + " min the trace reached only " + trace.size() + " spans: "
                        + trace.stream().map(s -> s.service() + " " + s.name()).sorted().toList());
            }
            mesh.checkRunning();
            Thread.sleep(500);
        }
        Thread.sleep(2_000); // the consumers' spans of the last hop are exported on their own schedule
        trace = traceOfThePost();
    }

    @AfterAll
    static void stop() {
        if (mesh != null) {
            mesh.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void oneTraceGoesFromThePostThroughEveryHopToEachJudgment() {
        assertThat(receiver.refused()).as("exports the receiver could not read").isEmpty();
        Set<String> services = trace.stream().map(Span::service).collect(Collectors.toSet());
        assertThat(services).contains("rhwatch-ingestion", "rhwatch-corruption", "rhwatch-inference", "rhwatch-judge");
        for (String topic : List.of(MeshPlan.SAMPLES, MeshPlan.PROBES, MeshPlan.RESPONSES, MeshPlan.JUDGMENTS)) {
            assertThat(trace).as("a span writing to %s", topic).anyMatch(s -> isProducerOn(s, topic));
        }
        for (String topic : List.of(MeshPlan.SAMPLES, MeshPlan.PROBES, MeshPlan.RESPONSES)) {
            assertThat(trace).as("a span reading %s", topic).anyMatch(s -> s.kind() == Span.CONSUMER && s.name().startsWith(topic));
        }
        assertThat(trace.stream().filter(s -> isProducerOn(s, MeshPlan.JUDGMENTS)).count())
                .as("judgments written in the trace").isEqualTo(judgmentsExpected);
    }

    @Test
    void inferencesGrpcCallsToTheModelServerAreInTheTrace() {
        assertThat(trace).as("inference's gRPC client spans").anyMatch(s -> s.service().equals("rhwatch-inference")
                && s.kind() == Span.CLIENT && s.name().contains("GRPCInferenceService"));
        assertThat(trace).as("the model server's gRPC server spans").anyMatch(s -> s.service().equals("rhwatch-model-sim")
                && s.kind() == Span.SERVER && s.name().contains("GRPCInferenceService"));
    }

    @Test
    void everySpanButTheRootHasItsParentInTheTrace() {
        Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
        List<Span> roots = trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList();
        assertThat(roots).as("the root: ingestion's POST").singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("rhwatch-ingestion");
            assertThat(root.kind()).isEqualTo(Span.SERVER);
        });
        assertThat(trace).as("spans whose parent is not in the trace").allMatch(s -> s.parentSpanId().isEmpty() || ids.contains(s.parentSpanId()));
    }

    /** Every span of the trace that ingestion's POST /v1/samples started. */
    private static List<Span> traceOfThePost() {
        List<Span> spans = receiver.spans();
        Set<String> traceIds = spans.stream()
                .filter(s -> s.service().equals("rhwatch-ingestion") && s.kind() == Span.SERVER && s.name().contains("/v1/samples"))
                .map(Span::traceId).collect(Collectors.toSet());
        assertThat(traceIds.size()).as("traces of POST /v1/samples").isLessThanOrEqualTo(1);
        return spans.stream().filter(s -> traceIds.contains(s.traceId())).toList();
    }

    private static boolean isProducerOn(Span span, String topic) {
        return span.kind() == Span.PRODUCER && span.name().startsWith(topic);
    }

    private static String json(BenchmarkSample sample) {
        return BenchmarkWriter.line(sample, Base64.getEncoder().encodeToString(sample.png())).toString();
    }
}
