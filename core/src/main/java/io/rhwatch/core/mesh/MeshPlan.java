package io.rhwatch.core.mesh;

import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Corruption;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one plan of the mesh: its topics, the probes a sample becomes by default and the budget limit.
 * The launcher creates topics and configures services from it; docker-compose.yml and k8s/ are checked
 * against it (deploy-check); the services take their defaults from its constants. The {@code *_SETTING}
 * constants are the same facts as configuration text, because an annotation default must be a constant.
 */
public final class MeshPlan {

    public static final String SAMPLES = "rh.samples";
    /** The samples ingestion accepted, by sample id and epoch: how any replica recognises one sent again. */
    public static final String INGESTED = "rh.ingested";
    /** Production traffic (TrafficRecord), written by production services or POST /v1/traffic, keyed by request id. */
    public static final String TRAFFIC = "rh.traffic";
    public static final String PROBES = "rh.probes";
    public static final String RESPONSES = "rh.responses";
    public static final String JUDGMENTS = "rh.judgments";
    public static final String CURVES = "rh.curves";
    public static final String EXAMPLES = "rh.examples";
    public static final String OUTCOMES = "rh.outcomes";
    public static final String WINDOWS = "rh.windows";
    public static final String ALERTS = "rh.alerts";
    private static final String DEAD_LETTER_PREFIX = "rh.dlq.";
    public static final String INGESTION_DEAD_LETTERS = DEAD_LETTER_PREFIX + "ingestion";
    public static final String CORRUPTION_DEAD_LETTERS = DEAD_LETTER_PREFIX + "corruption";
    public static final String INFERENCE_DEAD_LETTERS = DEAD_LETTER_PREFIX + "inference";
    public static final String JUDGE_DEAD_LETTERS = DEAD_LETTER_PREFIX + "judge";
    public static final String AGGREGATOR_DEAD_LETTERS = DEAD_LETTER_PREFIX + "aggregator";

    /** Samples and probes carry images of up to 8 MiB, and a dead letter keeps the record it could not process. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * One broker under Compose and in the Kubernetes base (k8s/overlays/gpu raises it to 3, with min.insync.replicas 2);
     * the launcher leaves it to the cluster's default.replication.factor, 1 on its own broker.
     */
    public static final int REPLICAS = 1;
    /** The launcher runs everything on one machine: few partitions, few Kafka Streams tasks. */
    private static final int LAUNCHER_PARTITIONS = 2;
    /** Room for consumers to scale out to six replicas per consumer group. */
    private static final int DEPLOYED_PARTITIONS = 6;

    /** The largest thinking budget a probe may ask for: the CLI's and the inference service's limit. */
    public static final int MAX_BUDGET = 16_384;
    public static final String MAX_BUDGET_SETTING = "" + MAX_BUDGET;
    /**
     * How long a redelivered judgment is recognised (the aggregator's rhwatch.aggregator.dedupe-retention) and a
     * sample sent again is answered as a duplicate (ingestion's rhwatch.ingestion.duplicate-window): after it, both
     * take it as new, so ingestion never calls new what the aggregator would drop.
     */
    public static final String REDELIVERY_WINDOW_SETTING = "P7D";
    /**
     * How long each time window of a model's counts is kept and served (rhwatch.aggregator.windows.retention), and so
     * how long rh.windows keeps it: at least the largest window plus its grace.
     */
    public static final String WINDOW_RETENTION_SETTING = "P8D";
    /**
     * rh.ingested is read whole by every ingestion replica at start, and a record older than the redelivery window
     * answers nothing: a day past the window, the topic deletes it, so neither the topic nor the start-up read grows
     * with every sample (and traffic request) ever accepted.
     */
    private static final Duration LEDGER_RETENTION = Duration.parse(REDELIVERY_WINDOW_SETTING).plusDays(1);
    /** Thinking-token budget levels every sample is probed at by default. */
    public static final String BUDGETS_SETTING = "0,50,100,150,200,300,400,600";
    /** Corruptions probed besides the clean probe by default: all of them. */
    public static final String CORRUPTIONS_SETTING = "blank_image,random_image,text_removal";
    /** The models probed by default, as Triton (here model-sim, a simulator) serves them. */
    public static final String MODELS_SETTING = "rh-sim-steady,rh-sim-drifty";

    private static final List<Topic> TOPICS = List.of(
            pipeline(SAMPLES),
            // One record per accepted sample and epoch, read whole by every ingestion replica: compaction keeps the latest.
            compacted(INGESTED, Optional.of(LEDGER_RETENTION)),
            pipeline(TRAFFIC),
            pipeline(PROBES),
            pipeline(RESPONSES),
            pipeline(JUDGMENTS),
            // The latest curve per model is all anyone needs from rh.curves.
            compacted(CURVES, Optional.empty()),
            // The newest judged examples per model, one record per ring slot: compaction keeps each slot's latest.
            compacted(EXAMPLES, Optional.empty()),
            // Each model's per-sample outcomes (the aggregator's paired statistics, bounded per model): the latest table per model.
            compacted(OUTCOMES, Optional.empty()),
            // Each model's counts per time window, one record per window: compaction keeps each window's latest, and
            // a window past its retention, which the aggregator no longer serves, is deleted.
            compacted(WINDOWS, Optional.of(Duration.parse(WINDOW_RETENTION_SETTING))),
            // Regressions raised and cleared, keyed by model: the latest record is the model's state.
            compacted(ALERTS, Optional.empty()),
            deadLetters(INGESTION_DEAD_LETTERS),
            deadLetters(CORRUPTION_DEAD_LETTERS),
            deadLetters(INFERENCE_DEAD_LETTERS),
            deadLetters(JUDGE_DEAD_LETTERS),
            deadLetters(AGGREGATOR_DEAD_LETTERS));

    private MeshPlan() {
    }

    public static List<Topic> topics() {
        return TOPICS;
    }

    /** Where each consumer sends, with the reason, the records it cannot process. */
    public static List<String> deadLetterTopics() {
        return TOPICS.stream().map(Topic::name).filter(name -> name.startsWith(DEAD_LETTER_PREFIX)).toList();
    }

    public static List<Integer> budgets() {
        return Arrays.stream(BUDGETS_SETTING.split(",")).map(Integer::valueOf).toList();
    }

    public static List<Corruption> corruptions() {
        return Arrays.stream(CORRUPTIONS_SETTING.split(","))
                .map(label -> Labels.corruption(label).orElseThrow(() -> new IllegalStateException("unknown corruption " + label)))
                .toList();
    }

    public static List<String> models() {
        return List.of(MODELS_SETTING.split(","));
    }

    private static Topic compacted(String name, Optional<Duration> retention) {
        return new Topic(name, LAUNCHER_PARTITIONS, DEPLOYED_PARTITIONS, true, MAX_MESSAGE_BYTES, retention);
    }

    private static Topic pipeline(String name) {
        return new Topic(name, LAUNCHER_PARTITIONS, DEPLOYED_PARTITIONS, false, MAX_MESSAGE_BYTES, Optional.empty());
    }

    /** Rare records, read by people: one partition keeps them in order. */
    private static Topic deadLetters(String name) {
        return new Topic(name, 1, 1, false, MAX_MESSAGE_BYTES, Optional.empty());
    }
}
