package io.rhwatch.ingestion.canary;

import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.service.ImageDecoder;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.testsupport.ConfigMappings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The canary rate on a clock the test moves: hours of simulated time, no waiting. */
class CanarySchedulerTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-02T14:17:31.250Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

    private CanaryScheduler scheduler(Map<String, String> properties) {
        IngestionConfig config = ConfigMappings.load(IngestionConfig.class, properties);
        // due() only decides; the timer that publishes is not started here
        CanaryScheduler scheduler = new CanaryScheduler(config.canary(), new ImageDecoder(config), null, clock);
        scheduler.begin();
        return scheduler;
    }

    @Test
    void eachModelGetsItsConfiguredCanariesPerHourWhateverTheTicks() {
        CanaryScheduler scheduler = scheduler(Map.of(
                "rhwatch.ingestion.canary.per-hour.\"rh-a\"", "200",
                "rhwatch.ingestion.canary.per-hour.\"rh-b\"", "7",
                "rhwatch.ingestion.canary.per-hour.\"rh-off\"", "0",
                "rhwatch.ingestion.canary.benchmark-samples", "50"));
        Random ticks = new Random(1);
        List<Sample> sent = new ArrayList<>();
        long end = now.get() + 3 * HOUR;
        while (now.get() < end) {
            now.set(Math.min(end, now.get() + 1 + ticks.nextInt(40_000))); // irregular ticks, up to 40 s apart
            sent.addAll(scheduler.due());
        }

        assertThat(sent.stream().filter(s -> s.getTargetModel().equals("rh-a")).count()).isEqualTo(600);
        assertThat(sent.stream().filter(s -> s.getTargetModel().equals("rh-b")).count()).isEqualTo(21);
        assertThat(sent).noneMatch(s -> s.getTargetModel().equals("rh-off"));
        assertThat(sent).allSatisfy(canary -> {
            assertThat(canary.getOrigin()).isEqualTo(Origin.ORIGIN_CANARY);
            assertThat(canary.getSampleId()).matches("canary:rhb-7-\\d{4}");
            assertThat(canary.getAnswer()).as("labelled").isNotEmpty();
            assertThat(canary.getImage().getWidth()).isPositive();
        });
        // the pool of 50 is cycled: a sample comes back in the next epoch, never twice in one
        List<Sample> forA = sent.stream().filter(s -> s.getTargetModel().equals("rh-a")).toList();
        assertThat(forA.stream().map(s -> s.getSampleId() + "|e" + s.getEpoch()).distinct().count()).isEqualTo(forA.size());
        assertThat(forA.get(50).getSampleId()).isEqualTo(forA.get(0).getSampleId());
        assertThat(forA.get(50).getEpoch()).isEqualTo(forA.get(0).getEpoch() + 1);
    }

    /** Another replica, or this one after a restart, calls the canary due at a moment by the same id and epoch. */
    @Test
    void theCanaryDueAtAMomentIsTheSameOnEveryReplica() {
        Map<String, String> properties = Map.of("rhwatch.ingestion.canary.per-hour.\"rh-a\"", "3600");
        CanaryScheduler first = scheduler(properties);
        now.addAndGet(30_000);
        List<Sample> fromFirst = first.due();
        now.addAndGet(-30_000);
        CanaryScheduler second = scheduler(properties);
        now.addAndGet(30_000);
        List<Sample> fromSecond = second.due();

        assertThat(fromFirst).hasSize(30);
        assertThat(fromSecond).extracting(s -> s.getSampleId() + "|e" + s.getEpoch())
                .containsExactlyElementsOf(fromFirst.stream().map(s -> s.getSampleId() + "|e" + s.getEpoch()).toList());
        assertThat(first.due()).as("each canary once").isEmpty();
    }
}
