package io.rhwatch.modelsim.catalog;

import io.rhwatch.modelsim.config.SimConfig;
import io.rhwatch.modelsim.service.Generation;
import io.rhwatch.modelsim.service.Generator;
import io.rhwatch.modelsim.service.SeenImage;
import io.rhwatch.modelsim.service.SimulatedModel;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A "bad deploy": a model that answers with its own profile until a number of generations or a wall-clock instant
 * (whichever comes first), and from then on with another configured model's profile, still under its own name. Once
 * switched it stays switched. The regression benchmark (load-tests/run regression) uses it to make one model worse
 * mid-stream; the switch is logged with its instant, which the benchmark reads.
 */
public final class ProfileSwitch implements Generator {

    private static final Logger LOG = Logger.getLogger(ProfileSwitch.class);

    private final String name;
    private final SimulatedModel before;
    private final SimulatedModel after;
    private final long afterGenerations;
    private final Instant at;
    private final Clock clock;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicBoolean switched = new AtomicBoolean();

    /**
     * @param afterGenerations generations answered with {@code before}; {@link Long#MAX_VALUE}: no switch by count
     * @param at               the instant of the switch; null: no switch by time
     */
    ProfileSwitch(String name, SimulatedModel before, SimulatedModel after, long afterGenerations, Instant at, Clock clock) {
        this.name = name;
        this.before = before;
        this.after = after;
        this.afterGenerations = afterGenerations;
        this.at = at;
        this.clock = clock;
    }

    /**
     * What {@code name} serves when its configuration names a switch, empty when it names none.
     *
     * @param profiles every configured model by name
     * @throws IllegalStateException naming the key, for a switch without a target, a target or trigger that is not one
     */
    static Optional<Generator> of(String name, SimConfig.Model model, Map<String, SimulatedModel> profiles, Clock clock) {
        String prefix = "rhwatch.sim.models." + name + ".";
        boolean triggered = model.switchAfterGenerations().isPresent() || model.switchAt().isPresent();
        if (model.switchTo().isEmpty()) {
            if (triggered) {
                throw new IllegalStateException(prefix + "switch-to must name the model whose profile to switch to when "
                        + prefix + "switch-after-generations or switch-at is set");
            }
            return Optional.empty();
        }
        String target = model.switchTo().get().trim();
        SimulatedModel after = profiles.get(target);
        if (after == null || target.equals(name)) {
            throw new IllegalStateException(prefix + "switch-to must name another configured model, one of "
                    + profiles.keySet().stream().filter(other -> !other.equals(name)).toList() + ", got '" + target + "'");
        }
        if (!triggered) {
            throw new IllegalStateException(prefix + "switch-to needs " + prefix + "switch-after-generations or " + prefix + "switch-at");
        }
        long count = model.switchAfterGenerations().orElse(Long.MAX_VALUE);
        if (count < 0) {
            throw new IllegalStateException(prefix + "switch-after-generations must not be negative, got " + count);
        }
        return Optional.of(new ProfileSwitch(name, profiles.get(name), after, count, model.switchAt().orElse(null), clock));
    }

    @Override
    public boolean readsImage() {
        return before.readsImage();
    }

    @Override
    public Generation generate(String prompt, SeenImage image, int maxTokens, long seed, List<String> stops) {
        long served = generations.getAndIncrement();
        if (!switched.get() && (served >= afterGenerations || (at != null && !clock.instant().isBefore(at)))
                && switched.compareAndSet(false, true)) {
            LOG.infof("%s switched to the profile of %s at %s after %d generations (a bad deploy)",
                    name, after.profile().name(), clock.instant(), served);
        }
        return (switched.get() ? after : before).generate(prompt, image, maxTokens, seed, stops);
    }

    /** Whether it answers with the other profile now. */
    public boolean switched() {
        return switched.get();
    }
}
