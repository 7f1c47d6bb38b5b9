package io.rhwatch.ingestion.canary;

import com.google.protobuf.ByteString;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.Labels;
import io.rhwatch.ingestion.config.CanarySettings;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.messaging.SamplePublisher;
import io.rhwatch.ingestion.service.ImageDecoder;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Sample;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends each model's canaries when they are due ({@link CanarySchedule}): canary n of a model is benchmark sample
 * n mod pool, in epoch n / pool, with id {@code canary:<benchmark id>}, origin CANARY and the model as its target.
 * Canaries due while the service was down are not made up for: the schedule starts again at the present.
 */
@Singleton
public class CanaryScheduler {

    private static final Logger LOG = Logger.getLogger(CanaryScheduler.class);
    static final String ID_PREFIX = "canary:";

    private final CanarySettings config;
    private final ImageDecoder images;
    private final SamplePublisher publisher;
    private final InstantSource clock;
    private final Map<String, CanarySchedule> schedules = new LinkedHashMap<>();
    private final Map<String, Long> lastSent = new LinkedHashMap<>();
    private List<Sample> pool = List.of();
    private ScheduledExecutorService timer;

    @Inject
    CanaryScheduler(IngestionConfig config, ImageDecoder images, SamplePublisher publisher) {
        this(config.canary(), images, publisher, InstantSource.system());
    }

    CanaryScheduler(CanarySettings config, ImageDecoder images, SamplePublisher publisher, InstantSource clock) {
        this.config = config;
        this.images = images;
        this.publisher = publisher;
        this.clock = clock;
        config.perHour().forEach((model, perHour) -> {
            if (perHour > 0) {
                schedules.put(model, new CanarySchedule(perHour));
            }
        });
    }

    void start(@Observes StartupEvent started) {
        if (schedules.isEmpty()) {
            return;
        }
        begin();
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rhwatch-canaries");
            thread.setDaemon(true);
            return thread;
        });
        long tickMs = config.tick().toMillis();
        timer.scheduleAtFixedRate(this::sendDue, tickMs, tickMs, TimeUnit.MILLISECONDS);
        LOG.infof("canaries: %s per hour, from %d benchmark samples (seed %d)", config.perHour(), pool.size(),
                config.benchmarkSeed());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Builds the pool and starts every schedule at the present, so nothing from before the start is sent. */
    void begin() {
        pool = BenchmarkGenerator.generate(config.benchmarkSamples(), config.benchmarkSeed()).stream().map(this::sample).toList();
        long now = clock.millis();
        schedules.forEach((model, schedule) -> lastSent.put(model, schedule.lastDue(now)));
    }

    /** The canaries due since the last call, per model in order; each is returned once. */
    synchronized List<Sample> due() {
        long now = clock.millis();
        List<Sample> due = new ArrayList<>();
        schedules.forEach((model, schedule) -> {
            long last = schedule.lastDue(now);
            for (long n = lastSent.get(model) + 1; n <= last; n++) {
                due.add(canary(model, n));
            }
            lastSent.put(model, last);
        });
        return due;
    }

    private void sendDue() {
        try {
            for (Sample canary : due()) {
                publisher.publish(canary).subscribe().with(
                        written -> { },
                        failure -> LOG.warnf("canary %s for %s was not written: %s", canary.getSampleId(),
                                canary.getTargetModel(), failure.getMessage()));
            }
        } catch (RuntimeException e) {
            // a failed tick must not cancel the timer: the next one sends what is due then
            LOG.errorf(e, "canaries: a tick failed");
        }
    }

    private Sample canary(String model, long n) {
        Sample sample = pool.get((int) Math.floorMod(n, (long) pool.size()));
        return sample.toBuilder()
                .setEpoch(Math.toIntExact(Math.floorDiv(n, (long) pool.size())))
                .setTargetModel(model)
                .setIngestedAtMs(clock.millis())
                .build();
    }

    private Sample sample(BenchmarkSample benchmark) {
        return Sample.newBuilder()
                .setSampleId(ID_PREFIX + benchmark.id())
                .setSource("canary")
                .setTask(Labels.task(benchmark.task()).orElseThrow())
                .setQuestionType(Labels.questionType(benchmark.questionType()).orElseThrow())
                .setQuestion(benchmark.question())
                .addAllChoices(benchmark.choices())
                .setAnswer(benchmark.answer())
                .setImage(images.decode(benchmark.png(), ImageDecoder.PNG))
                .setOrigin(Origin.ORIGIN_CANARY)
                .build();
    }
}
