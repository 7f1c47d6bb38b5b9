package io.rhwatch.ingestion.ledger;

import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.core.mesh.MeshPlan;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.messaging.Channels;
import io.rhwatch.proto.v1.AcceptedSample;
import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.TrafficRecord;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a sample is new in its epoch before it is written, so one sent again is answered as a duplicate
 * instead of being probed and judged a second time for nothing. Never at the cost of a sample: a claim is released
 * when the write fails (the next request writes it), and the ledger is told only after rh.samples acknowledged the
 * write. Two requests for the same sample in one replica are serialised; across replicas, within the moment
 * rh.ingested takes to reach the others, both may write it, and the aggregator counts its judgments once.
 * <p>
 * Traffic records ({@code POST /v1/traffic}) are admitted the same way, by request id, in their own key space of the
 * ledger: {@link #trafficKey}.
 */
@ApplicationScoped
public class Admission {

    private static final Logger LOG = Logger.getLogger(Admission.class);
    /** A sample id never holds '/' (docs/INGESTION_API.md), so no sample's ledger key starts with it. */
    private static final String TRAFFIC_KEY_PREFIX = "traffic/";

    private final AcceptedLedger ledger;
    private final MutinyEmitter<AcceptedSample> ingested;
    private final IngestionConfig config;
    /** Samples being written by a request now, by ledger key; guarded by this. */
    private final Map<String, CompletableFuture<Void>> writing = new HashMap<>();
    /** After one wait for the ledger in vain, claims until then do not wait again (an import would wait per record). */
    private volatile long noWaitUntil = System.nanoTime();

    public Admission(AcceptedLedger ledger, @Channel(Channels.INGESTED) MutinyEmitter<AcceptedSample> ingested, IngestionConfig config) {
        this.ledger = ledger;
        this.ingested = ingested;
        this.config = config;
    }

    /**
     * The right to write {@code sample}, or the news that it was accepted in this epoch before. Blocks while the
     * ledger loads (at most duplicate-check-wait) and while another request writes the same sample (at most
     * publish-timeout); past either, the sample is written unchecked.
     */
    public Claim claim(Sample sample) {
        AcceptedSample acceptance = AcceptedSample.newBuilder()
                .setSampleId(sample.getSampleId())
                .setEpoch(sample.getEpoch())
                .setAcceptedAtMs(sample.getIngestedAtMs())
                .build();
        return claim(RecordIds.evaluation(sample.getSampleId(), sample.getEpoch()), acceptance,
                "sample " + sample.getSampleId() + " epoch " + sample.getEpoch());
    }

    /**
     * The right to write a traffic record received at {@code receivedAtMs}, or the news that its request id was accepted
     * before; as for samples. Its ledger record carries only the time (sample_id empty): the key names the request.
     */
    public Claim claim(TrafficRecord record, long receivedAtMs) {
        return claim(trafficKey(record.getRequestId()), AcceptedSample.newBuilder().setAcceptedAtMs(receivedAtMs).build(),
                "traffic record " + record.getRequestId());
    }

    /** The ledger key of a traffic record: {@code traffic/<request_id>}, apart from every sample's. */
    public static String trafficKey(String requestId) {
        return TRAFFIC_KEY_PREFIX + requestId;
    }

    private Claim claim(String key, AcceptedSample acceptance, String what) {
        if (!ledger.isLoaded() && (System.nanoTime() - noWaitUntil < 0 || !ledger.awaitLoaded(config.duplicateCheckWait()))) {
            noWaitUntil = System.nanoTime() + config.duplicateCheckWait().toNanos();
            LOG.warnf("%s written without a duplicate check: %s", what, ledger.problem());
            return new Claim(key, acceptance, what, OptionalLong.empty(), null);
        }
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        while (true) {
            CompletableFuture<Void> other;
            synchronized (this) {
                OptionalLong acceptedAt = ledger.acceptedAt(key);
                if (acceptedAt.isPresent()) {
                    return new Claim(key, acceptance, what, acceptedAt, null);
                }
                other = writing.get(key);
                if (other == null) {
                    CompletableFuture<Void> mine = new CompletableFuture<>();
                    writing.put(key, mine);
                    return new Claim(key, acceptance, what, OptionalLong.empty(), mine);
                }
            }
            try {
                other.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Claim(key, acceptance, what, OptionalLong.empty(), null);
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    return new Claim(key, acceptance, what, OptionalLong.empty(), null);
                }
            }
        }
    }

    private synchronized void release(String key, CompletableFuture<Void> mine) {
        writing.remove(key, mine);
    }

    /**
     * One request's standing with one sample or traffic record: a duplicate (accepted before, at {@code acceptedAt}), or
     * the right to write it, checked (new) or not (the ledger was not loaded).
     */
    public final class Claim {

        private final String key;
        private final AcceptedSample acceptance;
        private final String what;
        private final OptionalLong acceptedAt;
        private final CompletableFuture<Void> mine;

        private Claim(String key, AcceptedSample acceptance, String what, OptionalLong acceptedAt, CompletableFuture<Void> mine) {
            this.key = key;
            this.acceptance = acceptance;
            this.what = what;
            this.acceptedAt = acceptedAt;
            this.mine = mine;
        }

        public boolean duplicate() {
            return acceptedAt.isPresent();
        }

        /** {@code true} when accepted before, {@code false} when new, {@code null} when it could not be checked. */
        public Boolean duplicateAnswer() {
            return duplicate() ? Boolean.TRUE : mine == null ? null : Boolean.FALSE;
        }

        /**
         * Call once the broker acknowledged the sample (or traffic record): this replica knows it at once, the others
         * once rh.ingested brings it. The returned stage completes when rh.ingested acknowledged, and never fails: a lost
         * ledger record costs at most a second evaluation that the aggregator does not count.
         */
        public CompletionStage<Void> written() {
            ledger.remember(key, acceptance.getAcceptedAtMs());
            finish();
            return ingested.sendMessage(KafkaRecord.of(key, acceptance))
                    .onFailure().invoke(e -> LOG.warnf("%s: %s is written but not in the ledger: %s",
                            MeshPlan.INGESTED, what, e.getMessage()))
                    .onFailure().recoverWithNull()
                    .subscribeAsCompletionStage();
        }

        /** Call when the write failed: the next request for it writes it. */
        public void failed() {
            finish();
        }

        private void finish() {
            if (mine != null) {
                release(key, mine);
                mine.complete(null);
            }
        }
    }
}
