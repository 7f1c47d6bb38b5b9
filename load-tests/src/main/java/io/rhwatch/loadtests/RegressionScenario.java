package io.rhwatch.loadtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.cli.kafka.TopicSnapshot;
import io.rhwatch.cli.mesh.Mesh;
import io.rhwatch.cli.mesh.MeshOptions;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionState;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code load-tests/run regression [--quiet]}: the whole mesh as separate processes (as `rhwatch up` runs it, on any
 * free ports) with two models, windows of {@code WINDOW_SECONDS} for the regression rule, and one model
 * ({@value #SWITCHED}) switched by model-sim to the other's profile {@code SWITCH_INTO_WINDOW_PERCENT} (50) into the
 * first window that starts {@code SWITCH_AFTER_SECONDS} after the start (its first generation from then on): a bad
 * deploy with a clear perception drop past budget 0, in the middle of a window as deploys land. Samples are fed at the mesh's
 * pace (at most {@code MAX_BACKLOG} samples not yet counted). The regression must be flagged on {@value #SWITCHED}
 * and never on {@value #OTHER}; {@code --quiet} switches nothing and no model may be flagged. Raised alerts are read
 * from rh.alerts and, while it runs, from GET /v1/models. See load-tests/README.md.
 */
final class RegressionScenario {

    static final String SWITCHED = "rh-sim-steady";
    static final String OTHER = "rh-sim-drifty";
    /** Budget levels of this run: where the two profiles agree (0) and where the switched one loses perception. */
    static final List<Integer> BUDGETS = List.of(0, 200, 600);
    private static final Pattern SWITCH_LOGGED = Pattern.compile(
            Pattern.quote(SWITCHED) + " switched to the profile of " + Pattern.quote(OTHER) + " at (\\S+) after");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RegressionScenario() {
    }

    static int run(boolean quiet) throws Exception {
        int windowSeconds = Main.env("WINDOW_SECONDS", 90);
        int minSamples = Main.env("MIN_SAMPLES", 20);
        int switchAfterSeconds = Main.env("SWITCH_AFTER_SECONDS", 480);
        int switchIntoWindowPercent = Main.env("SWITCH_INTO_WINDOW_PERCENT", 50);
        int maxBacklog = Main.env("MAX_BACKLOG", 40);
        Duration limit = Duration.ofMinutes(Main.env("RUN_MINUTES", 14));
        Duration quietFeed = Duration.ofMinutes(Main.env("QUIET_FEED_MINUTES", 5));
        Duration afterFlag = Duration.ofSeconds(Main.env("AFTER_FLAG_SECONDS", 30));
        String scenario = quiet ? "regression-quiet" : "regression";
        long started = System.nanoTime();

        Path home = Path.of("").toAbsolutePath();
        Path runDir = home.resolve("load-tests/target/regression/"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()) + (quiet ? "-quiet" : ""));
        Files.createDirectories(runDir);
        MeshOptions defaults = MeshOptions.defaults(home, runDir).withAnyFreePorts();
        List<Corruption> corruptions = List.of(Corruption.CORRUPTION_BLANK_IMAGE);
        int judgmentsPerSample = (1 + corruptions.size()) * BUDGETS.size();
        // inside a window: the window holding the switch is part good, part bad (see the README)
        long windowMs = windowSeconds * 1000L;
        long switchWindowStart = (System.currentTimeMillis() + switchAfterSeconds * 1000L + windowMs - 1) / windowMs * windowMs;
        Instant switchAt = Instant.ofEpochMilli(switchWindowStart + windowMs * switchIntoWindowPercent / 100);
        List<String> jvm = new ArrayList<>(defaults.jvmOptions());
        // Windows small enough for a run of minutes; the defaults (1 h, 50 samples a cell) stay what users get.
        jvm.add("-Drhwatch.aggregator.windows.sizes=" + windowSeconds + "s");
        jvm.add("-Drhwatch.aggregator.windows.grace=10s");
        jvm.add("-Drhwatch.aggregator.regression.window=" + windowSeconds + "s");
        jvm.add("-Drhwatch.aggregator.regression.min-samples=" + minSamples);
        if (!quiet) {
            jvm.add("-Drhwatch.sim.models." + SWITCHED + ".switch-to=" + OTHER);
            jvm.add("-Drhwatch.sim.models." + SWITCHED + ".switch-at=" + switchAt);
        }
        MeshOptions options = defaults.withProbes(BUDGETS, corruptions).withJvmOptions(jvm);
        say(scenario + ": models " + options.models() + ", budgets " + BUDGETS + ", corruptions blank_image; windows of "
                + windowSeconds + " s, min-samples " + minSamples
                + (quiet ? "; nothing switched, fed for " + quietFeed.toMinutes() + " min"
                : "; " + SWITCHED + " switches to " + OTHER + "'s profile at " + switchAt + " (" + switchIntoWindowPercent + "% into its window)"));

        // a pool a quiet machine does not use up before the switch (the feed is paced by the backlog, not the pool)
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(Main.env("SAMPLES", 10_000), Main.env("SEED", 7));
        Map<String, Long> firstSeenFlagged = new LinkedHashMap<>();
        Instant switchedAt = null;
        int fed = 0;
        Mesh mesh = new Mesh(options, message -> say("mesh: " + message));
        try (mesh) {
            mesh.start();
            say("mesh ready after " + seconds(started) + " s");
            SampleFeeder feeder = new SampleFeeder(mesh.ingestionUrl(), options.authToken(), Duration.ofMinutes(2));
            URI models = mesh.aggregatorUrl().resolve("/v1/models");
            long feedUntil = System.nanoTime() + quietFeed.toNanos();
            long deadline = started + limit.toNanos();
            Long flaggedAt = null;
            long nextNote = 0;
            while (System.nanoTime() < deadline) {
                mesh.checkRunning();
                JsonNode rows = get(models);
                long counted = Long.MAX_VALUE;
                for (JsonNode row : rows == null ? JSON.createArrayNode() : rows) {
                    counted = Math.min(counted, row.path("judged").asLong() / judgmentsPerSample);
                    if (!row.path("regression").isMissingNode() && !row.path("regression").isNull()) {
                        firstSeenFlagged.putIfAbsent(row.path("model").asText(), System.currentTimeMillis());
                    }
                }
                counted = rows == null || rows.size() < options.models().size() ? 0 : counted;
                if (switchedAt == null && !quiet) {
                    switchedAt = switchInstant(mesh.logsDir().resolve("model-sim.log"));
                    if (switchedAt != null) {
                        say(SWITCHED + " switched to " + OTHER + "'s profile at " + switchedAt + " (" + fed + " samples fed)");
                    }
                }
                if (flaggedAt == null && firstSeenFlagged.containsKey(SWITCHED) && switchedAt != null) {
                    flaggedAt = System.nanoTime();
                    say(SWITCHED + " flagged in /v1/models; watching " + afterFlag.toSeconds() + " s more");
                }
                boolean feeding = quiet ? System.nanoTime() < feedUntil : flaggedAt == null;
                if (!feeding && (quiet ? counted >= fed : System.nanoTime() - flaggedAt > afterFlag.toNanos())) {
                    break;
                }
                if (feeding && fed < samples.size()) {
                    // at the mesh's pace: a bounded backlog, so the switch lands while the counts follow the feed
                    while (fed < samples.size() && fed - counted < maxBacklog) {
                        feeder.post(samples.get(fed++));
                    }
                }
                long now = System.nanoTime();
                if (now > nextNote) {
                    say("fed " + fed + ", counted " + counted + " samples for every model; flagged so far: "
                            + (firstSeenFlagged.isEmpty() ? "none" : firstSeenFlagged.keySet()));
                    nextNote = now + Duration.ofSeconds(20).toNanos();
                }
                Thread.sleep(1000);
            }
            List<RegressionAlert> alerts = alerts(mesh);
            alerts.forEach(alert -> say("rh.alerts: " + alert.getModel() + " " + alert.getState() + " at "
                    + Instant.ofEpochMilli(alert.getAtMs()) + " window " + Instant.ofEpochMilli(alert.getCurrentStartMs())
                    + " against " + Instant.ofEpochMilli(alert.getBaselineStartMs()) + " (" + baseline(alert) + ")"
                    + alert.getFindingsList().stream().map(f -> " " + f.getMetric() + "@" + f.getBudget() + " "
                    + Main.format(f.getBaselineValue()) + "→" + Main.format(f.getCurrentValue()) + " (n " + f.getBaselineN() + "/" + f.getCurrentN() + ")").toList()));
            windowsSummary(mesh, options.models(), windowSeconds);
            return report(scenario, quiet, mesh, alerts, firstSeenFlagged, switchedAt, windowMs, fed, started);
        }
    }

    private static int report(String scenario, boolean quiet, Mesh mesh, List<RegressionAlert> alerts, Map<String, Long> seenFlagged,
                              Instant switchedAt, long windowMs, int fed, long started) throws IOException {
        long switchMs = switchedAt == null ? Long.MAX_VALUE : switchedAt.toEpochMilli();
        RegressionAlert detection = alerts.stream()
                .filter(a -> a.getState() == RegressionState.REGRESSION_RAISED && a.getModel().equals(SWITCHED) && a.getAtMs() >= switchMs)
                .findFirst().orElse(null);
        // a false alarm: a regression raised on a model nobody switched, or on the switched one before its switch
        List<RegressionAlert> falseAlarms = alerts.stream()
                .filter(a -> a.getState() == RegressionState.REGRESSION_RAISED)
                .filter(a -> quiet || !a.getModel().equals(SWITCHED) || a.getAtMs() < switchMs)
                .toList();
        Set<String> flaggedModels = new TreeSet<>(seenFlagged.keySet());
        alerts.stream().filter(a -> a.getState() == RegressionState.REGRESSION_RAISED).forEach(a -> flaggedModels.add(a.getModel()));
        String flagged = flaggedModels.isEmpty() ? "none" : String.join(",", flaggedModels);
        String delaySamples = "none";
        String delaySeconds = "none";
        String raisedOnWindow = "none";
        String baseline = "none";
        if (detection != null) {
            delaySamples = String.valueOf(samplesJudgedBetween(mesh, SWITCHED, switchMs, detection.getAtMs()));
            delaySeconds = Main.format((detection.getAtMs() - switchMs) / 1000.0);
            // 0: the window holding the switch, 1: the next one, ...
            raisedOnWindow = String.valueOf((detection.getCurrentStartMs() - switchMs / windowMs * windowMs) / windowMs);
            baseline = baseline(detection);
        }
        String switchIntoWindow = switchedAt == null ? "none" : Main.format((switchMs % windowMs) / 1000.0);
        String line = quiet
                ? "RESULT scenario=quiet flagged_model=" + flagged + " false_alarms=" + falseAlarms.size() + " samples=" + fed + " run_s=" + seconds(started)
                : "RESULT flagged_model=" + flagged + " false_alarms=" + falseAlarms.size() + " detection_delay_samples=" + delaySamples
                + " detection_delay_s=" + delaySeconds + " switch_into_window_s=" + switchIntoWindow + " raised_on_window=" + raisedOnWindow
                + " baseline=" + baseline + " switched_at=" + (switchedAt == null ? "never" : switchedAt)
                + " samples=" + fed + " run_s=" + seconds(started);
        Main.result(scenario, line);
        return falseAlarms.isEmpty() && flaggedModels.equals(quiet ? Set.of() : Set.of(SWITCHED)) && (quiet || detection != null) ? 0 : 1;
    }

    /** The baseline an alert was raised against, as /v1/models names it. */
    private static String baseline(RegressionAlert alert) {
        return switch (alert.getBaselineKind()) {
            case REGRESSION_BASELINE_PREVIOUS_WINDOW -> "previous_window";
            case REGRESSION_BASELINE_BEFORE_PREVIOUS_WINDOW -> "before_previous_window";
            case REGRESSION_BASELINE_PINNED_VERSION -> "pinned_version";
            case REGRESSION_BASELINE_KIND_UNSPECIFIED, UNRECOGNIZED -> "unspecified";
        };
    }

    /** The instant model-sim logged the switch, or null before it. */
    private static Instant switchInstant(Path log) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        Matcher matcher = SWITCH_LOGGED.matcher(Files.readString(log));
        return matcher.find() ? Instant.parse(matcher.group(1)) : null;
    }

    /** Every record on rh.alerts, in order (read_committed). */
    private static List<RegressionAlert> alerts(Mesh mesh) {
        List<RegressionAlert> alerts = new ArrayList<>();
        TopicSnapshot.read(mesh.kafka(), MeshPlan.ALERTS, record -> {
            try {
                alerts.add(RegressionAlert.parseFrom(record.value()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("a record on " + MeshPlan.ALERTS + " is no RegressionAlert", e);
            }
        });
        return alerts;
    }

    /** Distinct samples of {@code model} judged (by judgment time) from the switch to the alert: what it took to notice. */
    private static long samplesJudgedBetween(Mesh mesh, String model, long fromMs, long toMs) {
        Set<String> samples = new HashSet<>();
        TopicSnapshot.read(mesh.kafka(), MeshPlan.JUDGMENTS, record -> {
            if (model.equals(record.key()) && record.timestamp() >= fromMs && record.timestamp() <= toMs) {
                try {
                    samples.add(Judgment.parseFrom(record.value()).getSample().getSampleId());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    throw new IllegalStateException("a record on " + MeshPlan.JUDGMENTS + " is no Judgment", e);
                }
            }
        });
        return samples.size();
    }

    /** Prints each model's regression windows: judged count and clean perception accuracy per level. */
    private static void windowsSummary(Mesh mesh, List<String> models, int windowSeconds) {
        for (String model : models) {
            JsonNode view = get(mesh.aggregatorUrl().resolve("/v1/models/" + model + "/windows"));
            if (view == null) {
                continue;
            }
            for (JsonNode size : view.path("sizes")) {
                if (size.path("size_ms").asLong() != windowSeconds * 1000L) {
                    continue;
                }
                for (JsonNode window : size.path("windows")) {
                    StringBuilder levels = new StringBuilder();
                    for (JsonNode point : window.path("points")) {
                        levels.append(" L").append(point.path("budget").asInt()).append(" perception ")
                                .append(Main.format(point.path("perception_accuracy").asDouble()))
                                .append(" (n ").append(point.path("perception_n").asLong()).append(")");
                    }
                    say("window " + model + " " + Instant.ofEpochMilli(window.path("start_ms").asLong()) + ": judged "
                            + window.path("judged").asLong() + levels);
                }
            }
        }
    }

    private static JsonNode get(URI uri) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (IOException notAnswering) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static void say(String message) {
        System.out.println("[regression " + DateTimeFormatter.ofPattern("HH:mm:ss").format(LocalDateTime.now()) + "] " + message);
        System.out.flush();
    }
}
