package io.rhwatch.loadtests;

import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches, every {@value #EVERY_MS} ms, the committed offsets of the scaling consumer groups against their topics' ends
 * and whether each group is rebalancing ({@link Stalls}), each group's members and which partitions each owns (told when they change), and the
 * judgments the aggregator counted.
 */
final class GroupWatch implements AutoCloseable {

    private static final long EVERY_MS = 500;

    private final Admin admin;
    private final List<ScaleOutScenario.Group> groups;
    private final AggregatorClient aggregator;
    private final Consumer<String> say;
    private final Stalls partitions = new Stalls();
    private final Stalls rebalances = new Stalls();
    private final AtomicLong counted = new AtomicLong();
    private final Map<String, String> lastAssignment = new HashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    private GroupWatch(Admin admin, List<ScaleOutScenario.Group> groups, AggregatorClient aggregator, Consumer<String> say) {
        this.admin = admin;
        this.groups = groups;
        this.aggregator = aggregator;
        this.say = say;
    }

    static GroupWatch start(KafkaConnection kafka, List<ScaleOutScenario.Group> groups, AggregatorClient aggregator, Consumer<String> say) {
        GroupWatch watch = new GroupWatch(Admin.create(kafka.clientConfig(Map.of())), groups, aggregator, say);
        watch.ticks.scheduleWithFixedDelay(watch::tick, 0, EVERY_MS, TimeUnit.MILLISECONDS);
        return watch;
    }

    private void tick() {
        try {
            counted.set(Math.max(counted.get(), AggregatorCounts.judged(aggregator)));
            long now = System.currentTimeMillis();
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups.stream().map(ScaleOutScenario.Group::id).toList())
                    .all().get(5, TimeUnit.SECONDS);
            for (ScaleOutScenario.Group group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.id())
                        .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                List<TopicPartition> topicPartitions = admin.describeTopics(List.of(group.topic())).allTopicNames().get(5, TimeUnit.SECONDS)
                        .get(group.topic()).partitions().stream().map(p -> new TopicPartition(group.topic(), p.partition())).toList();
                Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(topicPartitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(5, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
                synchronized (this) {
                    for (TopicPartition partition : topicPartitions) {
                        OffsetAndMetadata offset = committed.get(partition);
                        partitions.observeOffsets(now, group.id() + " " + partition, offset == null ? 0 : offset.offset(), ends.get(partition));
                    }
                    rebalances.observe(now, group.id(), described.get(group.id()).groupState() == GroupState.STABLE);
                }
                tellAssignment(group.id(), described.get(group.id()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            say.accept("could not read the consumer groups: " + e);
        }
    }

    private void tellAssignment(String group, ConsumerGroupDescription description) {
        Map<String, String> members = new TreeMap<>();
        description.members().forEach(member -> members.put(member.consumerId(),
                member.assignment().topicPartitions().stream().map(TopicPartition::partition).sorted()
                        .map(String::valueOf).collect(Collectors.joining(","))));
        String assignment = members.size() + " members " + members.values();
        if (!assignment.equals(lastAssignment.put(group, assignment))) {
            say.accept(group + ": " + assignment);
        }
    }

    /** Judgments the aggregator counted, as of the last look. */
    long counted() {
        return counted.get();
    }

    /** The longest time a partition had records waiting and its committed offset stood still, overlapping the interval. */
    synchronized Stalls.Stall longestStall(long fromMs, long toMs) {
        return partitions.longest(fromMs, toMs).orElse(null);
    }

    /** The longest rebalance of a group (not {@code Stable}) overlapping the interval. */
    synchronized Stalls.Stall longestRebalance(long fromMs, long toMs) {
        return rebalances.longest(fromMs, toMs).orElse(null);
    }

    /** Whether every partition moved, or had nothing waiting, after {@code sinceMs}. */
    synchronized boolean allConsumedSince(long sinceMs) {
        return partitions.allFineSince(sinceMs);
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
