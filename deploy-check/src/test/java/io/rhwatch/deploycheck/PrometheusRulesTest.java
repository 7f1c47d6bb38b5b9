package io.rhwatch.deploycheck;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/prometheus/rhwatch-alerts.yml under `promtool test rules` with rhwatch-alerts.test.yml: each alert fires on
 * the series that should fire it, with its labels and texts, and not on the near misses. promtool comes with
 * Debian's prometheus package (.ci/run installs it); where it is missing the tests are skipped, saying so.
 */
class PrometheusRulesTest {

    private static final Path RULES = Repository.root().resolve("deploy/prometheus");

    @BeforeAll
    static void needsPromtool() {
        assumeTrue(promtoolRuns(), "promtool is not on the PATH: `apt-get install prometheus` (Debian) to test the alert rules");
    }

    @Test
    void theRulesAreValid() {
        Result check = promtool(RULES, "check", "rules", "rhwatch-alerts.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    /** The scrape configuration docker-compose.yml's Prometheus loads, with the rules it names. */
    @Test
    void theComposePrometheusConfigurationIsValid() {
        Result check = promtool(RULES, "check", "config", "prometheus.yml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("rhwatch-alerts.yml");
    }

    @Test
    void everyAlertFiresWhereItShouldAndNowhereElse() {
        Result test = promtool(RULES, "test", "rules", "rhwatch-alerts.test.yml");
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    /** The same tests against rules with one threshold moved: promtool must fail, naming the alert. */
    @Test
    void aChangedThresholdFailsTheTests() throws IOException {
        Path copy = Files.createTempDirectory("rules");
        try {
            Files.writeString(copy.resolve("rhwatch-alerts.yml"), Repository.read(RULES.resolve("rhwatch-alerts.yml"))
                    .replace("kafka_consumer_fetch_manager_records_lag_max{job=\"rhwatch-aggregator\"}) > 5000",
                            "kafka_consumer_fetch_manager_records_lag_max{job=\"rhwatch-aggregator\"}) > 50000"));
            Files.copy(RULES.resolve("rhwatch-alerts.test.yml"), copy.resolve("rhwatch-alerts.test.yml"));

            Result test = promtool(copy, "test", "rules", "rhwatch-alerts.test.yml");

            assertThat(test.exitCode()).isNotZero();
            assertThat(test.output()).contains("RhwatchAggregatorBehind").doesNotContain("RhwatchConsumerLag,");
        } finally {
            try (var files = Files.list(copy)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(copy);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static boolean promtoolRuns() {
        try {
            return promtool(RULES, "--version").exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static Result promtool(Path directory, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
