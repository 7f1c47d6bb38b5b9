package io.rhwatch.modelsim.capacity;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.modelsim.config.CapacitySettings;
import io.rhwatch.modelsim.config.SimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The capacity model of the simulated GPU: a number of concurrent slots (requests beyond them wait, first come
 * first served, as in vLLM's scheduler queue), a service time per request held on a slot, and fault injection.
 * With S slots and a fixed service time T the server completes at most S/T requests per second: the ceiling the
 * inference benchmark measures against.
 */
@ApplicationScoped
public class ServingCapacity {

    private final Semaphore slots;
    private final long fixedNanos;
    private final long perTokenNanos;
    private final CapacitySettings.Faults faults;
    private final Random draws;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger inService = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    @Inject
    public ServingCapacity(SimConfig config, MeterRegistry metrics) {
        this(config.capacity(), metrics);
    }

    public ServingCapacity(CapacitySettings config, MeterRegistry metrics) {
        if (config.slots() < 0) {
            throw new IllegalStateException("rhwatch.sim.capacity.slots must not be negative (0 = no limit), got " + config.slots());
        }
        requireNotNegative("rhwatch.sim.capacity.service-time", config.serviceTime());
        requireNotNegative("rhwatch.sim.capacity.service-time-per-token", config.serviceTimePerToken());
        CapacitySettings.Faults faults = config.faults();
        requireShare("unavailable-rate", faults.unavailableRate());
        requireShare("slow-rate", faults.slowRate());
        requireShare("dropped-stream-rate", faults.droppedStreamRate());
        if (faults.unavailableRate() + faults.slowRate() + faults.droppedStreamRate() > 1) {
            throw new IllegalStateException("rhwatch.sim.capacity.faults: unavailable-rate + slow-rate + dropped-stream-rate must not exceed 1");
        }
        if (faults.slowFactor() < 1) {
            throw new IllegalStateException("rhwatch.sim.capacity.faults.slow-factor must be at least 1, got " + faults.slowFactor());
        }
        this.slots = config.slots() == 0 ? null : new Semaphore(config.slots(), true);
        this.fixedNanos = config.serviceTime().toNanos();
        this.perTokenNanos = config.serviceTimePerToken().toNanos();
        this.faults = faults;
        long seed = faults.seed().orElseGet(() -> new SplittableRandom().nextLong());
        this.draws = new Random(seed);
        metrics.gauge("rhwatch.sim.slots.busy", busy);
        metrics.gauge("rhwatch.sim.slots.waiting", waiting);
        // the most requests in service or waiting at once: what a client's in-flight limit let through
        metrics.gauge("rhwatch.sim.requests.peak.concurrent", peak);
    }

    /** Draws the fault of the next request. */
    public Fault draw() {
        double u;
        synchronized (draws) {
            u = draws.nextDouble();
        }
        if (u < faults.unavailableRate()) {
            return Fault.UNAVAILABLE;
        }
        u -= faults.unavailableRate();
        if (u < faults.droppedStreamRate()) {
            return Fault.DROPPED;
        }
        u -= faults.droppedStreamRate();
        return u < faults.slowRate() ? Fault.SLOW : Fault.NONE;
    }

    /**
     * Waits for a free slot, then holds it for the service time of a request generating {@code tokens} tokens.
     * Blocks the calling (worker) thread, as a request occupies a sequence slot of the GPU.
     */
    public void serve(int tokens, boolean slow) throws InterruptedException {
        long nanos = fixedNanos + perTokenNanos * tokens;
        if (slow) {
            nanos = (long) (nanos * faults.slowFactor());
        }
        if (slots == null && nanos == 0) {
            return;
        }
        peak.accumulateAndGet(inService.incrementAndGet(), Math::max);
        try {
            occupy(nanos);
        } finally {
            inService.decrementAndGet();
        }
    }

    private void occupy(long nanos) throws InterruptedException {
        if (slots != null) {
            waiting.incrementAndGet();
            try {
                slots.acquire();
            } finally {
                waiting.decrementAndGet();
            }
        }
        busy.incrementAndGet();
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } finally {
            busy.decrementAndGet();
            if (slots != null) {
                slots.release();
            }
        }
    }

    private static void requireNotNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new IllegalStateException(key + " must not be negative, got " + value);
        }
    }

    private static void requireShare(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalStateException("rhwatch.sim.capacity.faults." + key + " must be between 0 and 1, got " + value);
        }
    }
}
