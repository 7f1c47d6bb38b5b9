package io.rhwatch.loadtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StallsTest {

    @Test
    void aPartitionWithRecordsWaitingAndNoCommitStallsFromItsLastGoodObservationToTheNextCommit() {
        Stalls stalls = new Stalls();
        stalls.observeOffsets(1_000, "p0", 10, 20);
        stalls.observeOffsets(2_000, "p0", 10, 25);
        stalls.observeOffsets(3_000, "p0", 10, 30);
        stalls.observeOffsets(4_000, "p0", 18, 30);

        assertThat(stalls.longest(0, 10_000)).contains(new Stalls.Stall("p0", 1_000, 4_000));
    }

    @Test
    void aPartitionWithNothingWaitingNeverStalls() {
        Stalls stalls = new Stalls();
        stalls.observeOffsets(1_000, "p0", 10, 10);
        stalls.observeOffsets(2_000, "p0", 10, 10);
        stalls.observeOffsets(9_000, "p0", 10, 10);

        assertThat(stalls.longest(0, 10_000)).isEmpty();
        assertThat(stalls.allFineSince(8_000)).isTrue();
    }

    @Test
    void aStallStillGoingCountsUpToTheLastObservationAndKeepsThePartitionFromBeingFine() {
        Stalls stalls = new Stalls();
        stalls.observeOffsets(1_000, "p0", 5, 9);
        stalls.observeOffsets(1_000, "p1", 5, 9);
        stalls.observeOffsets(2_000, "p0", 6, 9);
        stalls.observeOffsets(2_000, "p1", 5, 9);
        stalls.observeOffsets(7_000, "p0", 7, 9);
        stalls.observeOffsets(7_000, "p1", 5, 9);

        assertThat(stalls.longest(0, 10_000)).contains(new Stalls.Stall("p1", 1_000, 7_000));
        assertThat(stalls.allFineSince(1_500)).isFalse();
        stalls.observeOffsets(8_000, "p1", 9, 9);
        assertThat(stalls.allFineSince(1_500)).isTrue();
    }

    @Test
    void aGroupRebalancingFromItsFirstObservationStallsFromThere() {
        Stalls stalls = new Stalls();
        stalls.observe(1_000, "g", false);
        stalls.observe(1_500, "g", false);
        stalls.observe(2_500, "g", true);
        stalls.observe(3_000, "g", true);

        assertThat(stalls.longest(0, 10_000)).contains(new Stalls.Stall("g", 1_000, 2_500));
    }

    @Test
    void onlyStallsOverlappingTheIntervalCount() {
        Stalls stalls = new Stalls();
        stalls.observeOffsets(0, "p0", 0, 5);
        stalls.observeOffsets(1_000, "p0", 0, 5);
        stalls.observeOffsets(9_000, "p0", 5, 5);
        stalls.observeOffsets(20_000, "p0", 5, 9);
        stalls.observeOffsets(22_000, "p0", 5, 9);
        stalls.observeOffsets(23_000, "p0", 9, 9);

        assertThat(stalls.longest(19_000, 30_000)).contains(new Stalls.Stall("p0", 9_000, 23_000));
        assertThat(stalls.longest(10_000, 12_000)).contains(new Stalls.Stall("p0", 9_000, 23_000));
        assertThat(stalls.longest(9_500, 9_800)).contains(new Stalls.Stall("p0", 9_000, 23_000));
    }
}
