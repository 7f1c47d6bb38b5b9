package io.rhwatch.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.rhwatch.core.ModelKey;
import io.rhwatch.ingestion.config.IngestionConfig;
import io.rhwatch.ingestion.domain.AcceptedTraffic;
import io.rhwatch.ingestion.domain.AcceptedTraffic.Outcome;
import io.rhwatch.ingestion.ledger.Admission;
import io.rhwatch.ingestion.messaging.TrafficPublisher;
import io.rhwatch.ingestion.service.InvalidFieldException;
import io.rhwatch.ingestion.service.PublishFailedException;
import io.rhwatch.ingestion.service.TextRules;
import io.rhwatch.ingestion.service.TrafficValidator;
import io.rhwatch.proto.v1.TrafficRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/traffic}: one production traffic record, or a batch {@code {"records": [...]}}, written to rh.traffic
 * keyed by request id. A batch is checked whole before anything is written: one bad record refuses it, naming the
 * record ({@code records[3].question}). Answered 202 once the broker holds every new record; a request id accepted
 * before is a duplicate ({@code "duplicate": true}) and not written again, and a batch of nothing but duplicates is
 * answered 200.
 */
@Path("/v1/traffic")
public class TrafficResource {

    /** rhwatch_traffic_records_total{model, outcome}: every record of a request, once, by what became of it. */
    static final String RECORDS_METRIC = "rhwatch.traffic.records";
    /** The model tag of a refused record whose model is not a valid name. */
    static final String INVALID_MODEL = "invalid";

    private final TrafficValidator validator;
    private final TrafficPublisher publisher;
    private final Admission admission;
    private final IngestionConfig config;
    private final MeterRegistry registry;

    public TrafficResource(TrafficValidator validator, TrafficPublisher publisher, Admission admission, IngestionConfig config,
                           MeterRegistry registry) {
        this.validator = validator;
        this.publisher = publisher;
        this.admission = admission;
        this.config = config;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<AcceptedTraffic> ingest(JsonNode body) {
        long receivedAtMs = System.currentTimeMillis();
        boolean batch = TrafficValidator.isBatch(body);
        List<TrafficRecord> records = new ArrayList<>();
        try {
            if (batch) {
                List<JsonNode> nodes = validator.batchRecords(body);
                for (int i = 0; i < nodes.size(); i++) {
                    String name = TrafficValidator.RECORDS + "[" + i + "]";
                    try {
                        records.add(validator.validate(nodes.get(i), "", receivedAtMs));
                    } catch (InvalidFieldException e) {
                        throw e.within(name);
                    }
                }
            } else {
                records.add(validator.validate(body, "body", receivedAtMs));
            }
        } catch (InvalidFieldException e) {
            countRejected(body);
            throw e;
        }
        List<Outcome> outcomes = write(records, receivedAtMs);
        AcceptedTraffic answer = batch ? new AcceptedTraffic.Batch(outcomes) : new AcceptedTraffic.Single(outcomes.get(0));
        return RestResponse.status(answer.onlyDuplicates() ? Response.Status.OK : Response.Status.ACCEPTED, answer);
    }

    /**
     * Writes every record whose request id is new, all at once, and returns once the broker acknowledged them all; a
     * request id repeated within the batch is a duplicate of its first occurrence.
     */
    private List<Outcome> write(List<TrafficRecord> records, long receivedAtMs) {
        List<Outcome> outcomes = new ArrayList<>(records.size());
        List<Write> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            TrafficRecord record = records.get(i);
            if (!seen.add(record.getRequestId())) {
                outcomes.add(new Outcome(record.getRequestId(), true));
                continue;
            }
            Admission.Claim claim = admission.claim(record, receivedAtMs);
            outcomes.add(new Outcome(record.getRequestId(), claim.duplicateAnswer()));
            if (claim.duplicate()) {
                continue;
            }
            CompletableFuture<Void> published = publisher.publish(record).subscribeAsCompletionStage().toCompletableFuture();
            published.whenComplete((written, failure) -> {
                if (failure != null) {
                    claim.failed();
                }
            });
            writes.add(new Write(i, record.getRequestId(), published, published.thenCompose(written -> claim.written())));
        }
        awaitAcknowledged(writes, records.size());
        // the ledger's own write: awaited as /v1/samples awaits it, never failing the request (see Admission.Claim#written)
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        for (Write write : writes) {
            write.remembered().completeOnTimeout(null, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).join();
        }
        for (int i = 0; i < records.size(); i++) {
            registry.counter(RECORDS_METRIC, "model", ModelKey.of(records.get(i).getModel(), records.get(i).getModelVersion()),
                    "outcome", Boolean.TRUE.equals(outcomes.get(i).duplicate()) ? "duplicate" : "accepted").increment();
        }
        return outcomes;
    }

    /** Every write acknowledged within publish-timeout, or a 503 saying which were not. */
    private void awaitAcknowledged(List<Write> writes, int recordCount) {
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        List<Write> failed = new ArrayList<>();
        Throwable firstCause = null;
        for (Write write : writes) {
            try {
                write.published().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failed.add(write);
                firstCause = firstCause == null ? (e instanceof ExecutionException ? e.getCause() : e) : firstCause;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(write);
                firstCause = firstCause == null ? e : firstCause;
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        Write first = failed.get(0);
        String message = recordCount == 1
                ? "rh.traffic: the broker did not acknowledge traffic record " + first.requestId()
                : "rh.traffic: the broker did not acknowledge " + failed.size() + " of the " + writes.size() + " new records of the batch"
                  + " (the first: records[" + first.index() + "], request id " + first.requestId() + "); the others are on the"
                  + " topic, and are answered as duplicates when the batch is sent again";
        throw new PublishFailedException(message, firstCause);
    }

    /** A refused request: each record it held counts once as rejected, under its model when that is a valid name. */
    private void countRejected(JsonNode body) {
        Iterable<JsonNode> records = TrafficValidator.isBatch(body) && body.get(TrafficValidator.RECORDS).isArray()
                ? body.get(TrafficValidator.RECORDS) : Collections.singletonList(body);
        for (JsonNode record : records) {
            registry.counter(RECORDS_METRIC, "model", modelOf(record), "outcome", "rejected").increment();
        }
    }

    private String modelOf(JsonNode record) {
        if (record == null || !record.isObject()) {
            return INVALID_MODEL;
        }
        String model = record.path("model").asText("");
        String version = record.path("model_version").isTextual() ? record.path("model_version").asText() : "";
        if (!record.path("model").isTextual() || !TextRules.isValidId(model, config.maxIdChars())) {
            return INVALID_MODEL;
        }
        return ModelKey.of(model, TextRules.isValidId(version, config.maxIdChars()) ? version : "");
    }

    /** One record being written: its index in the request, the broker's acknowledgement, and the ledger's after it. */
    private record Write(int index, String requestId, CompletableFuture<Void> published, CompletableFuture<Void> remembered) {
    }
}
