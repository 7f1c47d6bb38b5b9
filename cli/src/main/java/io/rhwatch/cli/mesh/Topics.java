package io.rhwatch.cli.mesh;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The mesh's topics (docs/ARCHITECTURE.md, "Topics and keys"), created before any service starts. */
public final class Topics {

    public static final String SAMPLES = "rh.samples";
    public static final String PROBES = "rh.probes";
    public static final String RESPONSES = "rh.responses";
    public static final String JUDGMENTS = "rh.judgments";
    public static final String CURVES = "rh.curves";
    public static final List<String> DEAD_LETTERS = List.of(
            "rh.dlq.corruption", "rh.dlq.inference", "rh.dlq.judge", "rh.dlq.aggregator");

    static final int PIPELINE_PARTITIONS = 2;

    private Topics() {
    }

    static List<NewTopic> all() {
        List<NewTopic> topics = new ArrayList<>();
        for (String pipeline : List.of(SAMPLES, PROBES, RESPONSES, JUDGMENTS)) {
            topics.add(new NewTopic(pipeline, PIPELINE_PARTITIONS, (short) 1));
        }
        // The latest curve per model is all anyone needs from rh.curves.
        topics.add(new NewTopic(CURVES, Optional.empty(), Optional.of((short) 1))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        for (String deadLetters : DEAD_LETTERS) {
            topics.add(new NewTopic(deadLetters, Optional.empty(), Optional.of((short) 1)));
        }
        return topics;
    }

    static void create(Admin admin) {
        try {
            admin.createTopics(all()).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while creating the topics");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MeshException("could not create the topics: " + cause.getMessage(), cause);
        }
    }
}
