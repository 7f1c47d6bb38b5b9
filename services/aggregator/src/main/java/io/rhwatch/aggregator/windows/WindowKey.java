package io.rhwatch.aggregator.windows;

/**
 * The key of a window on rh.windows and in the read model: {@code model NUL size NUL start}, the numbers
 * zero-padded so that a model's windows form one key range, ordered by size and then by start.
 */
public final class WindowKey {

    private WindowKey() {
    }

    public static String of(String model, long sizeMs, long startMs) {
        return String.format("%s\u0000%019d\u0000%019d", model, sizeMs, startMs);
    }

    public static String firstOf(String model) {
        return model + "\u0000";
    }

    public static String pastLastOf(String model) {
        return model + "\u0000\u007f";
    }
}
