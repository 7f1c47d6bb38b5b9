package io.rhwatch.aggregator.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.aggregator.rest.ModelResource;
import io.rhwatch.aggregator.service.TalliesUnavailableException;
import io.rhwatch.aggregator.service.UnknownModelException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns changed curves into server-sent events for every connected dashboard. Changes are
 * coalesced: once per interval, the models whose curve changed get one `curve` event each, and
 * everyone gets one `models` and one `history` event, built once for all clients from the same
 * documents the REST API serves.
 */
@ApplicationScoped
public class LiveUpdates {

    public static final String MODELS = "models";
    public static final String CURVE = "curve";
    public static final String HISTORY = "history";

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);
    private static final int CLIENT_BUFFER = 1024;

    private final ModelResource api;
    private final RhAucHistory history;
    private final ObjectMapper json;
    private final Duration interval;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final BroadcastProcessor<LiveEvent> broadcast = BroadcastProcessor.create();
    private ScheduledExecutorService ticker;

    LiveUpdates(ModelResource api, RhAucHistory history, ObjectMapper json,
                @ConfigProperty(name = "rhwatch.aggregator.live.interval", defaultValue = "PT0.5S") Duration interval) {
        this.api = api;
        this.history = history;
        this.json = json;
        this.interval = interval;
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
    void changed(String model) {
        changed.add(model);
    }

    /** The current state of every model, then every change as it happens. */
    public Multi<LiveEvent> stream() {
        Multi<LiveEvent> snapshot = Multi.createFrom().deferred(() -> {
                    try {
                        return Multi.createFrom().iterable(snapshot());
                    } catch (TalliesUnavailableException e) {
                        return Multi.createFrom().empty(); // the first tick after start-up brings it
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Multi<LiveEvent> live = broadcast.onOverflow().buffer(CLIENT_BUFFER);
        return Multi.createBy().merging().streams(snapshot, live);
    }

    private List<LiveEvent> snapshot() {
        List<LiveEvent> events = new ArrayList<>();
        Object models = api.models();
        events.add(event(MODELS, models));
        json.valueToTree(models).findValuesAsText("model").forEach(model -> curveEvent(model, events));
        events.add(event(HISTORY, history.all(System.currentTimeMillis())));
        return events;
    }

    private void publishChanges() {
        if (changed.isEmpty()) {
            return;
        }
        Set<String> models = new TreeSet<>(changed);
        changed.removeAll(models);
        try {
            List<LiveEvent> events = new ArrayList<>();
            events.add(event(MODELS, api.models()));
            models.forEach(model -> curveEvent(model, events));
            events.add(event(HISTORY, history.all(System.currentTimeMillis())));
            events.forEach(broadcast::onNext);
        } catch (TalliesUnavailableException e) {
            changed.addAll(models); // restoring or rebalancing: try again next tick
        } catch (RuntimeException e) {
            LOG.warnf(e, "live update for %s failed: %s", models, e.getMessage());
        }
    }

    private void curveEvent(String model, List<LiveEvent> events) {
        try {
            events.add(event(CURVE, api.curve(model)));
        } catch (UnknownModelException e) {
            // counted by another aggregator instance (its partition is not ours)
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
