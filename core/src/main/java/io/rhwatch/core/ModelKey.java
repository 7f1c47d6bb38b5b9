package io.rhwatch.core;

import io.rhwatch.proto.v1.Judgment;

/**
 * A model is a name and a version. Where one string names it (the aggregator's keys, curves, the
 * REST API, {@code rhwatch compare}) it is {@code name@version}, or the name alone for the default
 * version, so names without versions keep meaning what they meant.
 */
public final class ModelKey {

    /** The version of a model whose probes carry none. */
    public static final String DEFAULT_VERSION = "default";
    public static final char SEPARATOR = '@';

    private ModelKey() {
    }

    public static boolean isDefault(String version) {
        return version == null || version.isBlank() || version.equals(DEFAULT_VERSION);
    }

    /** {@code name@version}, or {@code name} for the default version. */
    public static String of(String name, String version) {
        return isDefault(version) ? name : name + SEPARATOR + version;
    }

    /** The name part of a model key ({@code name@version} or {@code name}): what its versions share. */
    public static String nameOf(String key) {
        int at = key.lastIndexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    /** The judgment with {@code model} set to its model's key: what the aggregator and the CLI count it under. */
    public static Judgment keyed(Judgment judgment) {
        if (isDefault(judgment.getModelVersion())) {
            return judgment;
        }
        return judgment.toBuilder().setModel(of(judgment.getModel(), judgment.getModelVersion())).build();
    }

    /**
     * A key from user text, {@code NAME@VERSION} or {@code NAME}: split at the last {@code @}, so
     * {@code NAME@default} is {@code NAME}.
     *
     * @throws IllegalArgumentException when the name or the version is empty
     */
    public static String parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int at = trimmed.lastIndexOf(SEPARATOR);
        String name = at < 0 ? trimmed : trimmed.substring(0, at);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("expected NAME@VERSION or NAME, got '" + trimmed + "'");
        }
        if (at >= 0 && at == trimmed.length() - 1) {
            throw new IllegalArgumentException("the version after '@' is empty in '" + trimmed + "'; expected NAME@VERSION");
        }
        return at < 0 ? name : of(name, trimmed.substring(at + 1));
    }
}
