package io.rhwatch.ingestion.traffic;

import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.SampleRefs;
import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.config.TrafficSettings;
import io.rhwatch.ingestion.service.DecodeUnavailableException;
import io.rhwatch.ingestion.service.ImageDecoder;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.ingestion.traffic.TrafficMetrics.ModelCounts;
import io.rhwatch.ingestion.traffic.TrafficMetrics.Unrouted;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.TrafficRecord;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Decides what one traffic record becomes for its model (docs/TRAFFIC.md): passively, what the model served becomes a
 * Response at the upper edge of its observed length's bucket; actively, a request in the deterministic sample becomes a
 * Sample for that model alone, if the model's probe budget (a token bucket in probes per second) allows. It writes
 * nothing itself ({@link TrafficConsumer} does) and counts what it decided ({@link TrafficMetrics}).
 */
@Singleton
public class TrafficRouter {

    /**
     * What a record becomes: a sample, a passive response, both, or neither. {@code activeRefused} says why a record
     * of a model monitored both ways could not be probed (its image): its passive response is still written, and the
     * record is then dead-lettered with that reason.
     */
    public record Route(Optional<Sample> sample, Optional<Response> passive, Optional<InvalidFieldException> activeRefused) {

        boolean routed() {
            return sample.isPresent() || passive.isPresent();
        }
    }

    private final TrafficSettings config;
    private final ImageDecoder images;
    private final LengthBuckets buckets;
    private final int probesPerSample;
    private final LongSupplier nanos;
    private final TrafficMetrics metrics;
    private final TypedGuard<Image> decodeRetry;
    private final Map<String, ModelPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, ProbeBudget> budgets = new ConcurrentHashMap<>();

    @Inject
    TrafficRouter(IngestionConfig config, ImageDecoder images, MeterRegistry registry) {
        this(config.traffic(), images, registry, System::nanoTime);
    }

    TrafficRouter(TrafficSettings config, ImageDecoder images, MeterRegistry registry, LongSupplier nanos) {
        this.config = config;
        this.images = images;
        this.buckets = new LengthBuckets(config.bucketEdges());
        this.probesPerSample = config.probesPerSample().orElse(1 + MeshPlan.corruptions().size());
        int levels = config.budgetLevels().orElse(MeshPlan.budgets().size());
        this.nanos = nanos;
        // each probe costs one thinking generation and one answer per level
        this.metrics = new TrafficMetrics(registry, probesPerSample * (1 + levels), config.rateWindowSeconds(), nanos);
        this.decodeRetry = TypedGuard.create(Image.class).withDescription("traffic image decode")
                .withRetry().maxRetries(config.decodeRetries()).delay(500, ChronoUnit.MILLIS).jitter(250, ChronoUnit.MILLIS)
                .maxDuration(0, ChronoUnit.MILLIS).retryOn(DecodeUnavailableException.class).done()
                .build();
    }

    /** Throws an {@link InvalidFieldException} naming the field when the sampled record's image cannot be probed. */
    public Route route(TrafficRecord record) {
        String model = record.getModel();
        ModelPolicy policy = policies.computeIfAbsent(model, name -> ModelPolicy.of(config, name));
        ModelCounts counts = metrics.of(model);
        counts.records.incrementAndGet();

        Optional<Sample> sample = Optional.empty();
        Optional<InvalidFieldException> activeRefused = Optional.empty();
        Unrouted activeMiss = null;
        if (policy.mode().active()) {
            if (!TrafficSampling.selected(record.getRequestId(), policy.sampleFraction())) {
                activeMiss = Unrouted.NOT_SAMPLED;
            } else if (!budgetOf(model, policy).tryTake(probesPerSample, nanos.getAsLong())) {
                counts.overCap.incrementAndGet();
                activeMiss = Unrouted.OVER_CAP;
            } else {
                // the budget is taken first: checking the image of every record over the cap would cost more than it saves
                try {
                    sample = Optional.of(sample(record));
                    counts.sampled.incrementAndGet();
                    counts.probesSent(probesPerSample);
                } catch (InvalidFieldException e) {
                    activeRefused = Optional.of(e);
                }
            }
        }

        Optional<Response> passive = Optional.empty();
        Unrouted passiveMiss = null;
        if (policy.mode().passive()) {
            if (record.getServedOutput().isBlank() || !record.hasServedReasoningTokens()) {
                passiveMiss = Unrouted.NOT_SERVED;
            } else {
                OptionalInt budget = buckets.upperEdge(record.getServedReasoningTokens());
                if (budget.isEmpty()) {
                    passiveMiss = Unrouted.BEYOND_BUCKETS;
                } else {
                    passive = Optional.of(passiveResponse(record, budget.getAsInt()));
                    counts.passive.incrementAndGet();
                }
            }
        }

        if (activeRefused.isPresent() && passive.isEmpty()) {
            // nothing to write: the whole record is dead-lettered with the reason, and counted only there
            throw activeRefused.get();
        }
        Route route = new Route(sample, passive, activeRefused);
        if (route.routed()) {
            counts.routed.incrementAndGet();
        } else {
            // an over-cap skip says the most about why nothing was written; then whichever mode the model has
            Unrouted reason = activeMiss == Unrouted.OVER_CAP || passiveMiss == null ? activeMiss : passiveMiss;
            counts.unrouted.get(reason).incrementAndGet();
        }
        return route;
    }

    private ProbeBudget budgetOf(String model, ModelPolicy policy) {
        return budgets.computeIfAbsent(model, name -> new ProbeBudget(policy.maxProbesPerSecond(), probesPerSample, nanos.getAsLong()));
    }

    private Sample sample(TrafficRecord record) {
        if (record.getImage().getData().isEmpty()) {
            throw new InvalidFieldException("image", "is empty: a request sampled for active probing is asked again with its image");
        }
        return withoutImage(record)
                // checked and measured as a posted sample's image is; the width and height are read from the image
                .setImage(decode(record.getImage()))
                .setIngestedAtMs(System.currentTimeMillis())
                .build();
    }

    /** The sample a traffic record is, for the active probes (with its image) and the passive response alike. */
    private static Sample.Builder withoutImage(TrafficRecord record) {
        return Sample.newBuilder()
                .setSampleId(TrafficIds.sampleId(record.getRequestId()))
                .setSource(record.getSource().isBlank() ? "traffic" : record.getSource().strip())
                .setTask(QuestionRules.task(record.getTask(), record.getQuestion()))
                .setQuestionType(QuestionRules.questionType(record.getQuestionType(), record.getQuestion(), record.getChoicesList()))
                .setQuestion(record.getQuestion().strip())
                .addAllChoices(record.getChoicesList())
                .setAnswer(record.getAnswer())
                .setOrigin(Origin.ORIGIN_TRAFFIC)
                .setTargetModel(record.getModel())
                .setTargetModelVersion(record.getModelVersion())
                .setRequestId(record.getRequestId());
    }

    /** A busy decoder is the service's state, not the record's fault: the decode is tried again before giving up. */
    private Image decode(Image image) {
        try {
            return decodeRetry.call(() -> images.decode(image.getData().toByteArray(), image.getMediaType()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Response passiveResponse(TrafficRecord record, int budget) {
        String probeId = TrafficIds.servedProbeId(record.getRequestId(), record.getModel());
        Sample served = withoutImage(record).build();
        return Response.newBuilder()
                .setResponseId(RecordIds.response(probeId, budget))
                .setProbeId(probeId)
                .setSample(SampleRefs.of(served))
                .setModel(record.getModel())
                .setModelVersion(record.getModelVersion())
                .setCorruption(Corruption.CORRUPTION_NONE)
                .setQuestion(served.getQuestion())
                .setBudget(budget)
                .setReasoningTokens(record.getServedReasoningTokens())
                .setOutput(record.getServedOutput())
                .setCreatedAtMs(record.getTimestampMs() > 0 ? record.getTimestampMs() : System.currentTimeMillis())
                .setTrafficMode(TrafficMode.TRAFFIC_MODE_PASSIVE)
                .build();
    }
}
