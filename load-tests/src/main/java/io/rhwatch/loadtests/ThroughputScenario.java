package io.rhwatch.loadtests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The simulator with S slots and a fixed service time T can complete at most S/T requests per second in theory; its
 * real ceiling is measured first in the same run, by 2×S callers saturating it over raw gRPC. Probes are
 * queued well beyond what the run can serve, so the service is never short of work; after a warm-up, the requests the
 * simulator completed over a measured window give the achieved rate. The inference service's live heap (after a full
 * GC) at the start and the end of the window shows whether memory stays flat.
 */
final class ThroughputScenario {

    private ThroughputScenario() {
    }

    static int run() throws Exception {
        int slots = Main.env("SLOTS", 32);
        int serviceTimeMs = Main.env("SERVICE_TIME_MS", 200);
        int warmupS = Main.env("WARMUP_S", 15);
        int windowS = Main.env("WINDOW_S", 60);
        // requests in flight per model: the slots plus a quarter, so a request is already queued when one finishes
        int inFlight = Main.env("MODEL_MAX_IN_FLIGHT", slots + Math.max(1, slots / 4));
        int ceilingS = Main.env("CEILING_WINDOW_S", 15);
        double theoretical = slots * 1000.0 / serviceTimeMs;
        int probes = (int) Math.ceil(theoretical * (warmupS + windowS) * 1.5 / Rig.CALLS_PER_PROBE);

        try (Rig rig = Rig.start(
                Map.of("rhwatch.sim.capacity.slots", String.valueOf(slots),
                        "rhwatch.sim.capacity.service-time", serviceTimeMs + "ms"),
                Map.of("rhwatch.inference.model-max-in-flight", String.valueOf(inFlight),
                        // enough probes at once to keep the model's in-flight limit full
                        "rhwatch.inference.max-in-flight", String.valueOf(2 * inFlight)))) {
            System.out.println("measuring the simulator's ceiling: " + 2 * slots + " direct gRPC callers for " + ceilingS + " s ...");
            double ceiling = SimulatorCeiling.measure(rig, 2 * slots, Duration.ofSeconds(3), Duration.ofSeconds(ceilingS));
            System.out.println("sending " + probes + " probes (" + Rig.CALLS_PER_PROBE + " calls each) ...");
            rig.sendProbes("throughput", probes);

            TimeUnit.SECONDS.sleep(warmupS);
            double heapStart = rig.inference().liveHeapMb();
            double startCount = completed(rig);
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(windowS);
            double endCount = completed(rig);
            double seconds = (System.nanoTime() - start) / 1e9;
            double heapEnd = rig.inference().liveHeapMb();

            double achieved = (endCount - startCount) / seconds;
            double served = endCount / Rig.CALLS_PER_PROBE;
            System.out.printf("window %.1f s: %d requests completed by the simulator; %d slots x %d ms; model in-flight limit %d; "
                            + "probes sent %d, about %.0f served (the backlog never ran dry: %s)%n",
                    seconds, (long) (endCount - startCount), slots, serviceTimeMs, inFlight, probes, served, served < probes);
            Main.result("inference", "RESULT " + String.join(" ", List.of(
                    "achieved_rps=" + Main.format(achieved),
                    "ceiling_rps=" + Main.format(ceiling),
                    "theoretical_rps=" + Main.format(theoretical),
                    "ratio=" + Main.format(achieved / ceiling),
                    "heap_start_mb=" + Main.format(heapStart),
                    "heap_end_mb=" + Main.format(heapEnd))));
            return served < probes ? 0 : 1;
        }
    }

    /** Requests the simulator completed so far (after its service time, not counting injected failures). */
    static double completed(Rig rig) {
        return rig.sim().metric("rhwatch_sim_requests_total", "outcome=\"generated\"");
    }
}
