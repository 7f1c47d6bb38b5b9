package io.rhwatch.aggregator.rest;

import io.rhwatch.aggregator.live.LiveEvent;
import io.rhwatch.aggregator.live.LiveUpdates;
import io.rhwatch.aggregator.readmodel.ReadModel;
import io.rhwatch.aggregator.readmodel.RhAucHistory;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.List;

/**
 * The live side of the API: GET /v1/stream (server-sent events `models`, `curve`, `history` and a
 * `heartbeat` every 15 s so idle proxies keep the connection and clients notice a dead one) and
 * GET /v1/history (RH-AUC over time per model, for sparklines).
 */
@Path("/v1")
public class LiveResource {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LiveUpdates updates;
    private final ReadModel readModel;

    LiveResource(LiveUpdates updates, ReadModel readModel) {
        this.updates = updates;
        this.readModel = readModel;
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(HEARTBEAT)
                .map(tick -> sse.newEventBuilder().name("heartbeat")
                        .data(Long.toString(System.currentTimeMillis())).mediaType(MediaType.TEXT_PLAIN_TYPE).build());
        Multi<OutboundSseEvent> events = updates.stream()
                .map(event -> toSse(sse, event));
        return Multi.createBy().merging().streams(events, heartbeats);
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RhAucHistory.ModelHistory> history() {
        return readModel.history();
    }

    private static OutboundSseEvent toSse(Sse sse, LiveEvent event) {
        // The data is JSON text already; as text/plain it is written as it is.
        return sse.newEventBuilder().name(event.name()).data(event.json()).mediaType(MediaType.TEXT_PLAIN_TYPE).build();
    }
}
