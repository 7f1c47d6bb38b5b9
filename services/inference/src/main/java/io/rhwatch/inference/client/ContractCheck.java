package io.rhwatch.inference.client;

import inference.GrpcService.ModelMetadataResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rhwatch.inference.client.ModelStatus.State;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.triton.Contract;
import io.rhwatch.triton.TritonCallException;
import io.rhwatch.triton.TritonClient;
import io.rhwatch.triton.UnknownModelException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks Triton and every configured model, at start and then periodically: ServerLive and ServerReady, then per model
 * ModelReady and ModelMetadata against the model's configured contract. A mismatch is logged and reported by the
 * readiness check, naming the model and the tensor; that model's probes go to the dead-letter topic with it.
 * A model first named by a probe is checked before its first call.
 */
@ApplicationScoped
public class ContractCheck {

    private static final Logger LOG = Logger.getLogger(ContractCheck.class);

    private final TritonClient triton;
    private final TritonModels models;
    private final InferenceConfig.ContractCheck settings;
    private final Duration deadline;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "triton-contract-check");
        thread.setDaemon(true);
        return thread;
    });
    private final Event<ServerAvailability> availability;
    private volatile String server = "not checked yet";
    private volatile boolean serverReady;
    private Boolean announced;

    ContractCheck(TritonClient triton, TritonModels models, InferenceConfig config, Event<ServerAvailability> availability) {
        this.triton = triton;
        this.models = models;
        this.availability = availability;
        this.settings = config.contractCheck();
        this.deadline = config.callDeadline();
    }

    void onStart(@Observes StartupEvent start) {
        schedule.execute(this::checkAllAndReschedule);
    }

    void onStop(@Observes ShutdownEvent stop) {
        schedule.shutdownNow();
    }

    /** Triton's state as last checked: ready, or why not. */
    public String server() {
        return server;
    }

    public boolean serverReady() {
        return serverReady;
    }

    /**
     * The model, checked if it is not known to be ready. Fails with {@link ContractMismatchException},
     * {@link UnknownModelException} or, if Triton cannot be asked, {@link TritonCallException}.
     */
    public Uni<TritonModel> ensureUsable(String name) {
        TritonModel model = models.registered(name).orElse(null);
        if (model == null) {
            // registered only once Triton serves it: a probe naming any other model is dead-lettered and forgotten
            TritonModel candidate = models.candidate(name);
            return usable(candidate, check(candidate)).map(models::register);
        }
        ModelStatus status = model.status();
        Uni<ModelStatus> checked = status.ready() || status.state() == State.CONTRACT_MISMATCH
                ? Uni.createFrom().item(status)
                : check(model);
        return usable(model, checked);
    }

    private static Uni<TritonModel> usable(TritonModel model, Uni<ModelStatus> checked) {
        return checked.map(result -> switch (result.state()) {
            case READY -> model;
            case CONTRACT_MISMATCH -> throw new ContractMismatchException(result.detail());
            case NOT_SERVED -> throw new UnknownModelException(result.detail());
            default -> throw new TritonCallException(result.detail(), null);
        });
    }

    /** ModelReady, then ModelMetadata against the contract; records and returns what was found. */
    Uni<ModelStatus> check(TritonModel model) {
        String name = model.name();
        return triton.modelReady(name).chain(ready -> ready
                        ? triton.modelMetadata(name).map(served -> judge(model, served))
                        : Uni.createFrom().item(new ModelStatus(State.NOT_SERVED, triton.notServed(name, "ModelReady answered ready=false"), Set.of())))
                .onFailure(UnknownModelException.class).recoverWithItem(failure -> new ModelStatus(State.NOT_SERVED, failure.getMessage(), Set.of()))
                .onFailure(TritonCallException.class).recoverWithItem(failure -> new ModelStatus(State.UNREACHABLE, failure.getMessage(), Set.of()))
                .invoke(status -> record(model, status));
    }

    private ModelStatus judge(TritonModel model, ModelMetadataResponse metadata) {
        List<String> problems = model.contract().mismatches(metadata);
        if (problems.isEmpty()) {
            return new ModelStatus(State.READY, "ready (contract " + model.contract().label() + ", platform "
                    + metadata.getPlatform() + ")", Contract.offeredOptionalInputs(metadata));
        }
        return new ModelStatus(State.CONTRACT_MISMATCH, "model '" + model.name() + "' does not fit its contract "
                + model.contract().label() + " (rhwatch.inference.models.\"" + model.name() + "\".contract): "
                + String.join("; ", problems), Set.of());
    }

    private void record(TritonModel model, ModelStatus status) {
        ModelStatus before = model.status();
        model.status(status);
        if (before.state() != status.state() || !Objects.equals(before.detail(), status.detail())) {
            if (status.ready()) {
                LOG.infof("model '%s': %s", model.name(), status.detail());
            } else {
                LOG.warnf("model '%s' is %s: %s", model.name(), status.state(), status.detail());
            }
        }
    }

    private void checkAllAndReschedule() {
        boolean allReady;
        try {
            allReady = checkAll();
        } catch (RuntimeException e) {
            LOG.warnf("the contract check failed: %s", e.toString());
            allReady = false;
        }
        Duration next = allReady ? settings.interval() : settings.retryInterval();
        if (!schedule.isShutdown()) {
            schedule.schedule(this::checkAllAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks Triton now whether it is ready (off the caller's thread), and announces a change. */
    public Uni<Boolean> recheckServer() {
        return Uni.createFrom().item(this::checkServer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Completes once Triton answers ready again, asking every retry interval. */
    public Uni<Void> awaitServerReady() {
        return Multi.createFrom().ticks().every(settings.retryInterval()).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> recheckServer())
                .select().where(ready -> ready)
                .toUni().replaceWithVoid();
    }

    /** True when Triton and every configured model are ready. */
    boolean checkAll() {
        Duration wait = deadline.multipliedBy(2);
        if (!checkServer()) {
            return false;
        }
        boolean allReady = true;
        for (TritonModel model : models.configured()) {
            allReady &= check(model).await().atMost(wait).ready();
        }
        return allReady;
    }

    /** ServerLive and ServerReady; records what was found and announces a change. */
    private boolean checkServer() {
        Duration wait = deadline.multipliedBy(2);
        try {
            boolean live = triton.serverLive().await().atMost(wait);
            boolean ready = live && triton.serverReady().await().atMost(wait);
            serverReady = ready;
            server = !live ? "Triton at " + triton.address() + " is not live"
                    : !ready ? "Triton at " + triton.address() + " is live but not ready" : "Triton at " + triton.address() + " is ready";
        } catch (RuntimeException e) {
            serverReady = false;
            server = "Triton at " + triton.address() + " could not be asked: " + e.getMessage();
        }
        announce(serverReady, server);
        return serverReady;
    }

    private void announce(boolean ready, String detail) {
        // under the lock, so that the announcements cannot overtake each other
        synchronized (this) {
            if (announced == null || announced != ready) {
                announced = ready;
                availability.fire(new ServerAvailability(ready, detail));
            }
        }
    }
}
