package io.rhwatch.aggregator.readmodel;

import io.rhwatch.proto.v1.ModelWindow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each window's view, bootstrap included, computed once per published version of the window (keyed by its rh.windows
 * key), and forgotten once the window is past the retention: it is never served again, and the cache would otherwise
 * grow for ever.
 */
final class WindowViewCache {

    private record Cached(ModelWindow window, WindowsView.Window view) {
    }

    private final Map<String, Cached> views = new ConcurrentHashMap<>();

    WindowsView.Window view(String key, ModelWindow window, Function<ModelWindow, WindowsView.Window> compute) {
        Cached cached = views.get(key);
        if (cached != null && cached.window().equals(window)) {
            return cached.view();
        }
        WindowsView.Window view = compute.apply(window);
        views.put(key, new Cached(window, view));
        return view;
    }

    void forgetEndedBefore(long oldestEndMs) {
        views.values().removeIf(cached -> cached.window().getEndMs() < oldestEndMs);
    }

    int size() {
        return views.size();
    }
}
