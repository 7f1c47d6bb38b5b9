package io.rhwatch.aggregator.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.aggregator.config.AggregatorConfig;
import io.rhwatch.aggregator.readmodel.ModelChanged;
import io.rhwatch.aggregator.readmodel.ReadModel;
import io.rhwatch.aggregator.readmodel.ReadModelUnavailableException;
import io.rhwatch.aggregator.readmodel.ModelOverview;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns the read model's changes into server-sent events for every connected dashboard. Changes are
 * coalesced: once per interval, the models whose curve changed get one `curve` event each, and
 * everyone gets one `models` and one `history` event, built once for all clients from the
 * {@link ReadModel}, as the REST API's documents are.
 */
@ApplicationScoped
public class LiveUpdates {

    public static final String MODELS = "models";
    public static final String CURVE = "curve";
    public static final String HISTORY = "history";

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);
    private static final int CLIENT_BUFFER = 1024;

    private final ReadModel readModel;
    private final ObjectMapper json;
    private final Duration interval;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final BroadcastProcessor<LiveEvent> broadcast = BroadcastProcessor.create();
    private ScheduledExecutorService ticker;

    LiveUpdates(ReadModel readModel, ObjectMapper json, AggregatorConfig config) {
        this.readModel = readModel;
        this.json = json;
        this.interval = config.live().interval();
    }

    void start(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rhwatch-live-updates");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::publishChanges, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        broadcast.onComplete();
    }

    /** A model's curve changed; its events go out with the next tick. */
    void onChange(@Observes ModelChanged change) {
        changed.add(change.model());
    }

    /** The current state of every model, then every change as it happens. */
    public Multi<LiveEvent> stream() {
        Multi<LiveEvent> snapshot = Multi.createFrom().deferred(() -> {
                    try {
                        return Multi.createFrom().iterable(snapshot());
                    } catch (ReadModelUnavailableException e) {
                        return Multi.createFrom().empty(); // the first tick after start-up brings it
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Multi<LiveEvent> live = broadcast.onOverflow().buffer(CLIENT_BUFFER);
        return Multi.createBy().merging().streams(snapshot, live);
    }

    private List<LiveEvent> snapshot() {
        List<ModelOverview> models = readModel.overview();
        return events(models, models.stream().map(row -> row.summary().model()).toList());
    }

    /** The `models` list, a `curve` event per changed model, then the `history`. */
    private List<LiveEvent> events(List<ModelOverview> models, Collection<String> changedModels) {
        List<LiveEvent> events = new ArrayList<>();
        events.add(event(MODELS, models));
        changedModels.forEach(model -> events.add(event(CURVE, readModel.curve(model))));
        events.add(event(HISTORY, readModel.history()));
        return events;
    }

    private void publishChanges() {
        if (changed.isEmpty()) {
            return;
        }
        Set<String> models = new TreeSet<>(changed);
        changed.removeAll(models);
        try {
            events(readModel.overview(), models).forEach(broadcast::onNext);
        } catch (ReadModelUnavailableException e) {
            changed.addAll(models); // not queryable yet (starting): try again next tick
        } catch (RuntimeException e) {
            LOG.warnf(e, "live update for %s failed: %s", models, e.getMessage());
        }
    }

    private LiveEvent event(String name, Object document) {
        try {
            return new LiveEvent(name, json.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the " + name + " event as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
