package io.rhwatch.modelsim.capacity;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rhwatch.modelsim.config.CapacitySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ServingCapacityTest {

    @Test
    void drawsEachFaultAtItsConfiguredShare() {
        ServingCapacity capacity = new ServingCapacity(config(0, Duration.ZERO, 0.10, 0.05, 0.01), new SimpleMeterRegistry());
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(capacity.draw(), 1, Integer::sum);
        }
        assertThat(counts.get(Fault.UNAVAILABLE) / (double) draws).isCloseTo(0.10, within(0.005));
        assertThat(counts.get(Fault.SLOW) / (double) draws).isCloseTo(0.05, within(0.005));
        assertThat(counts.get(Fault.DROPPED) / (double) draws).isCloseTo(0.01, within(0.002));
    }

    @Test
    void servesNoMoreRequestsAtOnceThanItHasSlotsAndQueuesTheRest() throws InterruptedException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ServingCapacity capacity = new ServingCapacity(config(2, Duration.ofSeconds(1), 0, 0, 0), metrics);
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread request = new Thread(() -> {
                try {
                    capacity.serve(10, false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            request.start();
            requests.add(request);
        }
        boolean sawTwoBusyTwoWaiting = false;
        int maxBusy = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (requests.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            int busy = (int) metrics.get("rhwatch.sim.slots.busy").gauge().value();
            int waiting = (int) metrics.get("rhwatch.sim.slots.waiting").gauge().value();
            maxBusy = Math.max(maxBusy, busy);
            sawTwoBusyTwoWaiting |= busy == 2 && waiting == 2;
            Thread.sleep(5);
        }
        for (Thread request : requests) {
            request.join();
        }
        assertThat(maxBusy).isEqualTo(2);
        assertThat(sawTwoBusyTwoWaiting).as("two served while two wait").isTrue();
        assertThat(metrics.get("rhwatch.sim.requests.peak.concurrent").gauge().value()).isEqualTo(4);
    }

    @Test
    void refusesSettingsOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new ServingCapacity(config(-1, Duration.ZERO, 0, 0, 0), new SimpleMeterRegistry()))
                .hasMessageContaining("rhwatch.sim.capacity.slots must not be negative");
        assertThatThrownBy(() -> new ServingCapacity(config(0, Duration.ZERO, 1.5, 0, 0), new SimpleMeterRegistry()))
                .hasMessageContaining("rhwatch.sim.capacity.faults.unavailable-rate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new ServingCapacity(config(0, Duration.ZERO, 0.6, 0, 0.6), new SimpleMeterRegistry()))
                .hasMessageContaining("must not exceed 1");
    }

    private static CapacitySettings config(int slots, Duration serviceTime, double unavailable, double slow, double dropped) {
        return new CapacitySettings() {
            @Override
            public int slots() {
                return slots;
            }

            @Override
            public Duration serviceTime() {
                return serviceTime;
            }

            @Override
            public Duration serviceTimePerToken() {
                return Duration.ZERO;
            }

            @Override
            public Faults faults() {
                return new Faults() {
                    @Override
                    public double unavailableRate() {
                        return unavailable;
                    }

                    @Override
                    public double slowRate() {
                        return slow;
                    }

                    @Override
                    public double slowFactor() {
                        return 10;
                    }

                    @Override
                    public double droppedStreamRate() {
                        return dropped;
                    }

                    @Override
                    public OptionalLong seed() {
                        return OptionalLong.of(42);
                    }
                };
            }
        };
    }
}
