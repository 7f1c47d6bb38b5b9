package io.rhwatch.cli.mesh;

import io.rhwatch.core.mesh.MeshPlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Records on each dead-letter topic so far: a fresh broker per run, so the end offsets are the counts. */
final class DeadLetterCounter {

    private final Admin admin;
    private Map<String, List<TopicPartition>> partitions;

    DeadLetterCounter(Admin admin) {
        this.admin = admin;
    }

    synchronized Map<String, Long> counts() {
        try {
            if (partitions == null) {
                partitions = partitions();
            }
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            partitions.values().forEach(list -> list.forEach(tp -> request.put(tp, OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
            Map<String, Long> counts = new LinkedHashMap<>();
            partitions.forEach((topic, list) -> counts.put(topic, list.stream().mapToLong(tp -> offsets.get(tp).offset()).sum()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshException("interrupted while counting dead letters");
        } catch (ExecutionException | TimeoutException e) {
            throw new MeshException("could not count the dead letters: " + e.getMessage(), e);
        }
    }

    private Map<String, List<TopicPartition>> partitions() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = MeshPlan.deadLetterTopics();
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        Map<String, List<TopicPartition>> byTopic = new LinkedHashMap<>();
        for (String topic : topics) {
            byTopic.put(topic, described.get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        }
        return byTopic;
    }
}
