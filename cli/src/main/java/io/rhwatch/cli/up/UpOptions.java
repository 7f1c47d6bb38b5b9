package io.rhwatch.cli.up;

import io.rhwatch.proto.v1.Corruption;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code rhwatch up}.
 *
 * @param once          exit by itself once every probe of the benchmark is judged
 * @param samples       how many benchmark samples to generate and import
 * @param seed          the benchmark generator's seed
 * @param port          the aggregator's HTTP port; null means 8080, or any free port when 8080 is taken
 * @param timeout       with {@code once}: give up (non-zero exit) after this long
 * @param budgets       thinking-token budget levels, ascending
 * @param corruptions   the corruptions probed besides the clean probe
 * @param keepJudgments where to export every judgment of the run before stopping; null: nowhere
 * @param listenAddress the address every service listens on (MeshOptions.LISTEN_ADDRESSES)
 * @param otlpEndpoint  where the services send their traces (OTLP over HTTP/protobuf); null: tracing off
 */
public record UpOptions(boolean once, int samples, long seed, Integer port, Duration timeout,
                        List<Integer> budgets, List<Corruption> corruptions, Path keepJudgments, String listenAddress,
                        URI otlpEndpoint) {

    public static final int DEFAULT_SAMPLES = 200;
    public static final long DEFAULT_SEED = 7;
    /** Run directories kept: starting a run deletes all but the newest ones before it. */
    public static final int RUNS_KEPT = 10;

    public UpOptions {
        budgets = List.copyOf(budgets);
        corruptions = List.copyOf(corruptions);
    }
}
