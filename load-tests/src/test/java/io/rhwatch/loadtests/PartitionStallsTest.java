package io.rhwatch.loadtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionStallsTest {

    @Test
    void aPartitionWithRecordsWaitingAndNoCommitStallsFromItsLastGoodObservationToTheNextCommit() {
        PartitionStalls stalls = new PartitionStalls();
        stalls.observe(1_000, "p0", 10, 20);
        stalls.observe(2_000, "p0", 10, 25);
        stalls.observe(3_000, "p0", 10, 30);
        stalls.observe(4_000, "p0", 18, 30);

        assertThat(stalls.longest(0, 10_000)).contains(new PartitionStalls.Stall("p0", 1_000, 4_000));
    }

    @Test
    void aPartitionWithNothingWaitingNeverStalls() {
        PartitionStalls stalls = new PartitionStalls();
        stalls.observe(1_000, "p0", 10, 10);
        stalls.observe(2_000, "p0", 10, 10);
        stalls.observe(9_000, "p0", 10, 10);

        assertThat(stalls.longest(0, 10_000)).isEmpty();
        assertThat(stalls.allFineSince(8_000)).isTrue();
    }

    @Test
    void aStallStillGoingCountsUpToTheLastObservationAndKeepsThePartitionFromBeingFine() {
        PartitionStalls stalls = new PartitionStalls();
        stalls.observe(1_000, "p0", 5, 9);
        stalls.observe(1_000, "p1", 5, 9);
        stalls.observe(2_000, "p0", 6, 9);
        stalls.observe(2_000, "p1", 5, 9);
        stalls.observe(7_000, "p0", 7, 9);
        stalls.observe(7_000, "p1", 5, 9);

        assertThat(stalls.longest(0, 10_000)).contains(new PartitionStalls.Stall("p1", 1_000, 7_000));
        assertThat(stalls.allFineSince(1_500)).isFalse();
        stalls.observe(8_000, "p1", 9, 9);
        assertThat(stalls.allFineSince(1_500)).isTrue();
    }

    @Test
    void onlyStallsOverlappingTheIntervalCount() {
        PartitionStalls stalls = new PartitionStalls();
        stalls.observe(0, "p0", 0, 5);
        stalls.observe(1_000, "p0", 0, 5);
        stalls.observe(9_000, "p0", 5, 5);
        stalls.observe(20_000, "p0", 5, 9);
        stalls.observe(22_000, "p0", 5, 9);
        stalls.observe(23_000, "p0", 9, 9);

        assertThat(stalls.longest(19_000, 30_000)).contains(new PartitionStalls.Stall("p0", 9_000, 23_000));
        assertThat(stalls.longest(10_000, 12_000)).contains(new PartitionStalls.Stall("p0", 9_000, 23_000));
        assertThat(stalls.longest(9_500, 9_800)).contains(new PartitionStalls.Stall("p0", 9_000, 23_000));
    }
}
