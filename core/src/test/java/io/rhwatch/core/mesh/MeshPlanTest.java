package io.rhwatch.core.mesh;

import io.rhwatch.proto.v1.Corruption;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class MeshPlanTest {

    @Test
    void theDefaultProbesAreEveryCorruptionAtAscendingLevelsWithinTheBudgetLimit() {
        assertThat(MeshPlan.corruptions()).containsExactly(
                Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE, Corruption.CORRUPTION_TEXT_REMOVAL);
        assertThat(MeshPlan.budgets()).isSorted().doesNotHaveDuplicates().allMatch(level -> level >= 0 && level <= MeshPlan.MAX_BUDGET);
        assertThat(MeshPlan.MAX_BUDGET_SETTING).isEqualTo(String.valueOf(MeshPlan.MAX_BUDGET));
        assertThat(MeshPlan.models()).containsExactly("rh-sim-steady", "rh-sim-drifty");
    }

    @Test
    void topicsAreUniqueAndOnlyTheLatestPerKeyTopicsAreCompacted() {
        assertThat(MeshPlan.topics()).extracting(Topic::name).doesNotHaveDuplicates()
                .contains(MeshPlan.SAMPLES, MeshPlan.INGESTED, MeshPlan.TRAFFIC, MeshPlan.PROBES, MeshPlan.RESPONSES, MeshPlan.JUDGMENTS, MeshPlan.CURVES,
                        MeshPlan.EXAMPLES, MeshPlan.OUTCOMES, MeshPlan.WINDOWS, MeshPlan.ALERTS);
        assertThat(MeshPlan.topics()).filteredOn(Topic::compacted).extracting(Topic::name)
                .containsExactly(MeshPlan.INGESTED, MeshPlan.CURVES, MeshPlan.EXAMPLES, MeshPlan.OUTCOMES, MeshPlan.WINDOWS, MeshPlan.ALERTS);
        assertThat(MeshPlan.deadLetterTopics()).containsExactly(
                "rh.dlq.ingestion", "rh.dlq.corruption", "rh.dlq.inference", "rh.dlq.judge", "rh.dlq.aggregator");
    }

    @Test
    void aTopicsConfigIsItsCleanupPolicyAndRecordLimitByKafkasNames() {
        Topic curves = MeshPlan.topics().stream().filter(topic -> topic.name().equals(MeshPlan.CURVES)).findFirst().orElseThrow();

        assertThat(curves.config()).containsExactly(
                entry("cleanup.policy", "compact"),
                entry("max.message.bytes", "16777216"));
        Topic ledger = MeshPlan.topics().stream().filter(topic -> topic.name().equals(MeshPlan.INGESTED)).findFirst().orElseThrow();
        assertThat(ledger.config()).as("compacted, and deleted a day after the redelivery window")
                .containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", String.valueOf(Duration.parse(MeshPlan.REDELIVERY_WINDOW_SETTING).plusDays(1).toMillis()));
        assertThat(MeshPlan.topics()).filteredOn(topic -> topic.retention().isPresent()).extracting(Topic::name)
                .as("never a topic whose latest record per key is a state that must outlive any age")
                .containsExactly(MeshPlan.INGESTED, MeshPlan.WINDOWS);
        assertThat(curves.partitions(Platform.LAUNCHER)).isEqualTo(2);
        assertThat(curves.partitions(Platform.KUBERNETES)).isEqualTo(6);
    }
}
