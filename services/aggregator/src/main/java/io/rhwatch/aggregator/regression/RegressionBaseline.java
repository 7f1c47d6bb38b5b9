package io.rhwatch.aggregator.regression;

import io.rhwatch.core.ModelKey;

import java.util.Optional;

/**
 * What a model's current window is compared with ({@code rhwatch.aggregator.regression.baseline}): {@code previous},
 * its own previous window and the one before it, or {@code version:V}, the whole-run counts of version V of the same
 * model name (its published curve: the most samples, and a baseline that does not expire as windows do). A pinned
 * version watches a new version from its first window on, which a previous-window baseline cannot. The pinned version
 * itself, and a model whose name has no curve at version V yet, are compared with their own earlier windows.
 */
public record RegressionBaseline(Optional<String> pinnedVersion) {

    public static final String PREVIOUS = "previous";
    static final String VERSION_PREFIX = "version:";

    /** @throws IllegalArgumentException naming the setting, when the text is neither form */
    public static RegressionBaseline parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals(PREVIOUS)) {
            return new RegressionBaseline(Optional.empty());
        }
        if (trimmed.startsWith(VERSION_PREFIX) && !trimmed.substring(VERSION_PREFIX.length()).isBlank()) {
            return new RegressionBaseline(Optional.of(trimmed.substring(VERSION_PREFIX.length()).trim()));
        }
        throw new IllegalArgumentException("rhwatch.aggregator.regression.baseline: expected '" + PREVIOUS + "' or '"
                + VERSION_PREFIX + "VERSION', got '" + trimmed + "'");
    }

    /** The model key whose whole run is {@code model}'s baseline; empty when it is compared with its previous window. */
    public Optional<String> pinnedKey(String model) {
        return pinnedVersion.map(version -> ModelKey.of(ModelKey.nameOf(model), version)).filter(pinned -> !pinned.equals(model));
    }
}
