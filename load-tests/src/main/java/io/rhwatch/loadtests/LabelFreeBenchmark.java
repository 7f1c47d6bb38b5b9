package io.rhwatch.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.client.ServiceException;
import io.rhwatch.cli.kafka.TopicSnapshot;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Verdict;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The evidence for the label-free RH-AUC (issue 10, docs in load-tests/README.md): the whole mesh, probing model-sim's
 * six text-prior profiles as six models, answers the bundled benchmark twice, each pass on a mesh of its own so the
 * two never mix: once labelled, once with every answer withheld (unlabelled samples on {@code POST /v1/samples}). Per
 * model it reads the labelled RH-AUC (aggregator, labelled pass) and the label-free RH-AUC (the aggregator's
 * {@code label_free} of the unlabelled pass where it serves one; otherwise computed here from the judgments by
 * {@link GroundingCurves}, from the unlabelled pass where it judged any, else from the labelled pass's extracted
 * answers), and how well the two rank the profiles alike.
 */
public final class LabelFreeBenchmark {

    /** model-sim's text-prior profiles, from grounded to prior-driven (services/model-sim/README.md). */
    public static final List<String> PROFILES = List.of("rh-sim-grounded", "rh-sim-prior-late", "rh-sim-prior-gradual",
            "rh-sim-prior-early", "rh-sim-prior-heavy", "rh-sim-prior");
    /** Grounding needs only the image corruptions. */
    public static final List<Corruption> CORRUPTIONS = List.of(Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE);
    /** What the issue asks of the label-free RH-AUC across the profiles. */
    public static final double REQUIRED_SPEARMAN = 0.9;

    /** Counts unchanged this long after reaching the expected number: the pass is over. */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** Nothing new for this long: the rest will not come. */
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final Duration FEED_GIVE_UP = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a profile's label-free RH-AUC came from. */
    public enum Source {
        /** the aggregator's {@code label_free} object, unlabelled pass */
        AGGREGATOR,
        /** computed from the unlabelled pass's judgments */
        UNLABELLED_JUDGMENTS,
        /** computed from the labelled pass's extracted answers: the unlabelled pass judged nothing */
        LABELLED_PASS_JUDGMENTS;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Settings(int samples, long seed, List<Integer> budgets) {
        public Settings {
            budgets = List.copyOf(budgets);
        }
    }

    /**
     * @param computedLabelFree the label-free RH-AUC computed from the judgments (the cross-check), or null
     * @param groundingFirst    grounding at the smallest level, from the judgments the computed value used
     */
    public record ProfileRow(String model, Double labelled, Double labelFree, Source source, Double computedLabelFree,
                             double groundingFirst, double groundingLast) {
    }

    public record Outcome(int samples, List<ProfileRow> rows, double spearman, double kendall, long deadLetters,
                          Map<String, Long> deadLettersByTopic, long unlabelledScored) {

        public boolean passed() {
            return spearman >= REQUIRED_SPEARMAN && deadLetters == 0;
        }

        public String resultLine() {
            String sources = rows.stream().map(r -> r.source().label()).distinct().collect(Collectors.joining(","));
            return "RESULT profiles=" + rows.size() + " spearman=" + Main.format(spearman) + " kendall=" + Main.format(kendall)
                    + " dead_letters=" + deadLetters + " unlabelled_scored=" + unlabelledScored + " samples=" + samples
                    + " label_free_source=" + sources;
        }

        public String table() {
            StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-22s %10s %11s %10s %10s %10s  %s%n",
                    "model", "labelled", "label_free", "computed", "G(first)", "G(last)", "label_free from"));
            for (ProfileRow r : rows) {
                table.append(String.format(Locale.ROOT, "%-22s %10s %11s %10s %10.3f %10.3f  %s%n", r.model(), number(r.labelled()),
                        number(r.labelFree()), number(r.computedLabelFree()), r.groundingFirst(), r.groundingLast(), r.source().label()));
            }
            return table.toString();
        }
    }

    private LabelFreeBenchmark() {
    }

    /** Runs both passes, each on its own mesh under {@code runs}, and measures. */
    public static Outcome measure(Path home, Path runs, Settings settings, Consumer<String> say) throws Exception {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(settings.samples(), settings.seed());
        long expectedResponses = (long) samples.size() * PROFILES.size() * (1 + CORRUPTIONS.size()) * settings.budgets().size();

        say.accept("labelled pass: " + samples.size() + " samples (seed " + settings.seed() + ") on " + PROFILES.size() + " models");
        Pass labelled = pass(home, passDir(runs, true), settings, samples, true, expectedResponses, say);
        say.accept("unlabelled pass: the same samples, every answer withheld");
        Pass unlabelled = pass(home, passDir(runs, false), settings, samples, false, expectedResponses, say);

        Map<String, GroundingCurves.ModelGrounding> fromUnlabelled = GroundingCurves.of(unlabelled.judgments(), unlabelled.tokens());
        Map<String, GroundingCurves.ModelGrounding> fromLabelled = GroundingCurves.of(labelled.judgments(), labelled.tokens());
        List<ProfileRow> rows = new ArrayList<>();
        for (String model : PROFILES) {
            GroundingCurves.ModelGrounding computed = fromUnlabelled.containsKey(model) ? fromUnlabelled.get(model) : fromLabelled.get(model);
            Double computedRhAuc = computed == null ? null : computed.rhAuc().rhAuc();
            Double served = unlabelled.labelFree().get(model);
            Source source = served != null ? Source.AGGREGATOR
                    : fromUnlabelled.containsKey(model) ? Source.UNLABELLED_JUDGMENTS : Source.LABELLED_PASS_JUDGMENTS;
            List<GroundingCurves.Level> levels = computed == null ? List.of() : computed.levels();
            rows.add(new ProfileRow(model, labelled.labelled().get(model), served != null ? served : computedRhAuc, source, computedRhAuc,
                    levels.isEmpty() ? Double.NaN : levels.get(0).grounding(),
                    levels.isEmpty() ? Double.NaN : levels.get(levels.size() - 1).grounding()));
        }
        boolean complete = rows.stream().allMatch(r -> r.labelled() != null && r.labelFree() != null);
        double[] x = rows.stream().mapToDouble(r -> r.labelled() == null ? Double.NaN : r.labelled()).toArray();
        double[] y = rows.stream().mapToDouble(r -> r.labelFree() == null ? Double.NaN : r.labelFree()).toArray();
        long unlabelledScored = unlabelled.judgments().stream().filter(j -> j.getVerdict() == Verdict.VERDICT_UNLABELLED)
                .map(Judgment::getJudgmentId).distinct().count();
        return new Outcome(samples.size(), rows, complete ? RankCorrelation.spearman(x, y) : Double.NaN,
                complete ? RankCorrelation.kendallTauB(x, y) : Double.NaN,
                unlabelled.deadLetters().values().stream().mapToLong(Long::longValue).sum(), unlabelled.deadLetters(), unlabelledScored);
    }

    /** Where {@link #measure} runs a pass's mesh: its logs are under {@code logs/}. */
    public static Path passDir(Path runs, boolean labelled) {
        return runs.resolve(labelled ? "labelled" : "unlabelled");
    }

    /**
     * @param labelled   per model, the aggregator's RH-AUC (null where it has none)
     * @param labelFree  per model, the aggregator's {@code label_free.label_free_rh_auc}, where it serves one
     */
    private record Pass(Map<String, Double> labelled, Map<String, Double> labelFree, List<Judgment> judgments,
                        Map<String, Map<Integer, Double>> tokens, Map<String, Long> deadLetters) {
    }

    private static Pass pass(Path home, Path runDir, Settings settings, List<BenchmarkSample> samples, boolean withAnswers,
                             long expectedResponses, Consumer<String> say) throws Exception {
        Files.createDirectories(runDir);
        MeshOptions options = MeshOptions.defaults(home, runDir).withAnyFreePorts().withModels(PROFILES)
                .withProbes(settings.budgets(), CORRUPTIONS);
        try (Mesh mesh = new Mesh(options, message -> say.accept("mesh: " + message))) {
            mesh.start();
            SampleFeeder feeder = new SampleFeeder(mesh.ingestionUrl(), options.authToken(), FEED_GIVE_UP,
                    withAnswers ? "rhwatch-label-free-labelled" : "rhwatch-label-free-unlabelled", withAnswers);
            for (BenchmarkSample sample : samples) {
                feeder.post(sample);
            }
            say.accept("every sample accepted; waiting for " + expectedResponses + " responses to be judged or dead-lettered");
            awaitSettled(mesh, expectedResponses, withAnswers ? expectedResponses / PROFILES.size() : -1, say);
            Map<String, Double> labelled = new LinkedHashMap<>();
            Map<String, Double> labelFree = new LinkedHashMap<>();
            for (String model : PROFILES) {
                Optional<JsonNode> curve = curve(mesh, model);
                curve.map(c -> c.get("rh_auc")).filter(JsonNode::isNumber).ifPresent(v -> labelled.put(model, v.asDouble()));
                curve.map(c -> c.path("label_free").get("label_free_rh_auc")).filter(JsonNode::isNumber).ifPresent(v -> labelFree.put(model, v.asDouble()));
            }
            List<Judgment> judgments = read(mesh, MeshPlan.JUDGMENTS, Judgment::parseFrom);
            Map<String, Map<Integer, Double>> tokens = GroundingCurves.meanReasoningTokens(read(mesh, MeshPlan.RESPONSES, Response::parseFrom));
            Map<String, Long> deadLetters = mesh.deadLetterCounts();
            say.accept("pass over: " + judgments.size() + " judgments on " + MeshPlan.JUDGMENTS + ", dead letters " + deadLetters);
            return new Pass(labelled, labelFree, judgments, tokens, deadLetters);
        }
    }

    /**
     * Until every expected response was judged or dead-lettered (and, with {@code expectedPerModel} > 0, the aggregator
     * counted that many judgments of every model) and nothing changed for {@link #SETTLE}; or nothing changed for {@link #STALL}.
     */
    private static void awaitSettled(Mesh mesh, long expectedResponses, long expectedPerModel, Consumer<String> say) throws InterruptedException {
        AggregatorClient aggregator = new AggregatorClient(mesh.aggregatorUrl(), mesh.options().authToken());
        String last = "";
        long changedAt = System.nanoTime();
        long nextNote = 0;
        while (true) {
            mesh.checkRunning();
            long judgments = endOffsets(mesh, MeshPlan.JUDGMENTS);
            long deadLetters = mesh.deadLetterCounts().values().stream().mapToLong(Long::longValue).sum();
            long counted = Long.MAX_VALUE;
            if (expectedPerModel > 0) {
                try {
                    Map<String, Long> judged = aggregator.models().stream()
                            .collect(Collectors.toMap(AggregatorClient.ModelSummary::model, AggregatorClient.ModelSummary::judged));
                    counted = PROFILES.stream().mapToLong(m -> judged.getOrDefault(m, 0L)).min().orElse(0);
                } catch (ServiceException notAnswering) {
                    counted = 0;
                }
            }
            String state = judgments + " judgments, " + deadLetters + " dead letters"
                    + (expectedPerModel > 0 ? ", fewest counted by the aggregator for one model " + counted + "/" + expectedPerModel : "");
            long now = System.nanoTime();
            if (!state.equals(last)) {
                last = state;
                changedAt = now;
            }
            boolean complete = judgments + deadLetters >= expectedResponses && (expectedPerModel <= 0 || counted >= expectedPerModel);
            if (complete && now - changedAt > SETTLE.toNanos()) {
                say.accept("settled: " + state);
                return;
            }
            if (now - changedAt > STALL.toNanos()) {
                say.accept("nothing new for " + STALL.toMinutes() + " min: " + state);
                return;
            }
            if (now > nextNote) {
                say.accept(state + " of " + expectedResponses + " responses");
                nextNote = now + Duration.ofSeconds(15).toNanos();
            }
            Thread.sleep(1000);
        }
    }

    /** The aggregator's curve document of {@code model}, empty while it has none (404). */
    private static Optional<JsonNode> curve(Mesh mesh, String model) throws IOException, InterruptedException {
        URI uri = mesh.aggregatorUrl().resolve("/v1/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + "/curve");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + mesh.options().authToken()).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private static Map<String, Object> consumerConfig(Mesh mesh) {
        return mesh.kafka().clientConfig(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** Records on {@code topic} now: a fresh broker per pass, so the end offsets are the counts. */
    private static long endOffsets(Mesh mesh, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(mesh))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record on {@code topic}, from the beginning to the end offsets now. */
    private static <T> List<T> read(Mesh mesh, String topic, Parser<T> parser) {
        List<T> values = new ArrayList<>();
        TopicSnapshot.read(mesh.kafka(), topic, record -> {
            try {
                values.add(parser.parse(record.value()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a record on " + topic + " could not be read", e);
            }
        });
        return values;
    }

    private static String number(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }
}
