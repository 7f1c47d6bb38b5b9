package io.rhwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the Grafana dashboard (deploy/grafana/rhwatch-dashboard.json) queries, by the job that
 * must export them. Every metric selector in the dashboard names its job(s) — job="rhwatch-judge" or
 * job=~"rhwatch-(corruption|judge)" — so each service's tests can check, against the running app's
 * /q/metrics, that what the dashboard asks of it exists. Series Prometheus makes itself (up) need no job.
 */
public final class GrafanaDashboard {

    public static final Path LOCATION = Path.of("deploy", "grafana", "rhwatch-dashboard.json");
    /** Series that Prometheus itself records for each target; no service exports them. */
    public static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private static final Pattern EXPR = Pattern.compile("\"expr\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern JOB_EXACT = Pattern.compile("job=\"rhwatch-([a-z-]+)\"");
    private static final Pattern JOB_ALTERNATIVES = Pattern.compile("job=~\"rhwatch-\\(([a-z|-]+)\\)\"");

    private final List<String> expressions;
    private final Map<String, Set<String>> metricsByService;

    private GrafanaDashboard(List<String> expressions, Map<String, Set<String>> metricsByService) {
        this.expressions = expressions;
        this.metricsByService = metricsByService;
    }

    /** The repository's dashboard, found from the module's directory upwards. */
    public static GrafanaDashboard load() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(LOCATION);
            if (Files.isRegularFile(file)) {
                try {
                    return parse(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        throw new IllegalStateException(LOCATION + " not found in " + Path.of("").toAbsolutePath() + " or above");
    }

    public static GrafanaDashboard parse(String json) {
        List<String> expressions = new ArrayList<>();
        Map<String, Set<String>> byService = new TreeMap<>();
        Matcher expr = EXPR.matcher(json);
        while (expr.find()) {
            String query = expr.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            expressions.add(query);
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                String metric = selector.group(1);
                if (PROMETHEUS_SERIES.contains(metric)) {
                    continue;
                }
                List<String> services = services(selector.group(2));
                if (services.isEmpty()) {
                    throw new IllegalArgumentException("dashboard query selects " + metric + " without job=\"rhwatch-<service>\" or "
                            + "job=~\"rhwatch-(a|b)\", so no test can tell which service must export it: " + query);
                }
                services.forEach(service -> byService.computeIfAbsent(service, s -> new TreeSet<>()).add(metric));
            }
        }
        if (expressions.isEmpty()) {
            throw new IllegalArgumentException("the dashboard has no \"expr\" queries");
        }
        return new GrafanaDashboard(List.copyOf(expressions), byService);
    }

    private static List<String> services(String matchers) {
        Matcher exact = JOB_EXACT.matcher(matchers);
        if (exact.find()) {
            return List.of(exact.group(1));
        }
        Matcher alternatives = JOB_ALTERNATIVES.matcher(matchers);
        return alternatives.find() ? List.of(alternatives.group(1).split("\\|")) : List.of();
    }

    public List<String> expressions() {
        return expressions;
    }

    /** The services (job rhwatch-&lt;service&gt;) the dashboard queries. */
    public Set<String> services() {
        return metricsByService.keySet();
    }

    /** The metric names the dashboard expects service (e.g. "judge") to export. */
    public Set<String> metricsOf(String service) {
        return metricsByService.getOrDefault(service, Set.of());
    }

    /** The metrics of the set that have no sample in a Prometheus text exposition (GET /q/metrics). */
    public static Set<String> missingFrom(String exposition, Set<String> metrics) {
        Set<String> exported = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                exported.add(line.substring(0, end));
            }
        }
        Set<String> missing = new TreeSet<>(metrics);
        missing.removeAll(exported);
        return missing;
    }
}
