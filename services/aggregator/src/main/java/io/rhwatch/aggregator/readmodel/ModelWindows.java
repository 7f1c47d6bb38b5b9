package io.rhwatch.aggregator.readmodel;

import io.rhwatch.aggregator.windows.WindowKey;
import io.rhwatch.aggregator.windows.WindowedCounts;
import io.rhwatch.core.scoring.Bootstrap;
import io.rhwatch.core.scoring.Scorecard;
import io.rhwatch.core.scoring.view.CurveView;
import io.rhwatch.proto.v1.ModelWindow;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every model's windows from the read model's global store of rh.windows, as {@link WindowsView}s. */
@ApplicationScoped
public class ModelWindows {

    private record Cached(ModelWindow window, WindowsView.Window view) {
    }

    private final ReadModel readModel;
    private final WindowedCounts windows;
    private final Bootstrap bootstrap = new Bootstrap();
    /** A window's view, bootstrap included, is computed once per published version of it. */
    private final Map<String, Cached> views = new ConcurrentHashMap<>();

    ModelWindows(ReadModel readModel, WindowedCounts windows) {
        this.readModel = readModel;
        this.windows = windows;
    }

    /**
     * The model's windows within the retention before {@code nowMs}, per configured size, oldest first.
     *
     * @throws UnknownModelException naming the known models
     */
    public WindowsView of(String model, long nowMs) {
        readModel.requireKnown(model);
        ReadOnlyKeyValueStore<String, ModelWindow> store = readModel.store(ReadModelStores.WINDOWS_STORE);
        long oldestEndMs = nowMs - windows.retention().toMillis();
        // Views of windows past the retention are never served again; without this the cache grows for ever.
        views.values().removeIf(cached -> cached.window().getEndMs() < oldestEndMs);
        Map<Long, List<WindowsView.Window>> bySize = new LinkedHashMap<>();
        windows.sizes().forEach(size -> bySize.put(size.toMillis(), new ArrayList<>()));
        try (KeyValueIterator<String, ModelWindow> all = store.range(WindowKey.firstOf(model), WindowKey.pastLastOf(model))) {
            all.forEachRemaining(entry -> {
                List<WindowsView.Window> list = bySize.get(entry.value.getSizeMs());
                if (list == null || entry.value.getEndMs() < oldestEndMs) {
                    return; // a size no longer configured, or a window past the retention
                }
                list.add(view(entry.key, entry.value));
            });
        }
        List<WindowsView.Size> sizes = windows.sizes().stream()
                .map(size -> new WindowsView.Size(size.toString(), size.toMillis(), List.copyOf(bySize.get(size.toMillis()))))
                .toList();
        return new WindowsView(model, windows.regressionWindow().toMillis(), sizes);
    }

    private WindowsView.Window view(String key, ModelWindow window) {
        Cached cached = views.get(key);
        if (cached != null && cached.window().equals(window)) {
            return cached.view();
        }
        CurveView curve = CurveView.of(Scorecard.of(window.getTally(), bootstrap));
        WindowsView.Window view = new WindowsView.Window(window.getStartMs(), window.getEndMs(), curve.judged(),
                curve.rhAuc(), curve.rhAucCi(), curve.rhAucRaw(), curve.rhAucRawCi(), curve.reason(), curve.points(),
                curve.labelFree());
        views.put(key, new Cached(window, view));
        return view;
    }
}
