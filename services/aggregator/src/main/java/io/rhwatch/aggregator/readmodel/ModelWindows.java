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

/** Every model's windows from the read model's global store of rh.windows, as {@link WindowsView}s. */
@ApplicationScoped
public class ModelWindows {

    private final ReadModel readModel;
    private final WindowedCounts windows;
    private final Bootstrap bootstrap = new Bootstrap();
    private final WindowViewCache views = new WindowViewCache();

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
        views.forgetEndedBefore(oldestEndMs);
        Map<Long, List<WindowsView.Window>> bySize = new LinkedHashMap<>();
        windows.sizes().forEach(size -> bySize.put(size.toMillis(), new ArrayList<>()));
        try (KeyValueIterator<String, ModelWindow> all = store.range(WindowKey.firstOf(model), WindowKey.pastLastOf(model))) {
            all.forEachRemaining(entry -> {
                List<WindowsView.Window> list = bySize.get(entry.value.getSizeMs());
                if (list == null || entry.value.getEndMs() < oldestEndMs) {
                    return; // a size no longer configured, or a window past the retention
                }
                list.add(views.view(entry.key, entry.value, this::view));
            });
        }
        List<WindowsView.Size> sizes = windows.sizes().stream()
                .map(size -> new WindowsView.Size(size.toString(), size.toMillis(), List.copyOf(bySize.get(size.toMillis()))))
                .toList();
        return new WindowsView(model, windows.regressionWindow().toMillis(), sizes);
    }

    private WindowsView.Window view(ModelWindow window) {
        CurveView curve = CurveView.of(Scorecard.of(window.getTally(), bootstrap));
        return new WindowsView.Window(window.getStartMs(), window.getEndMs(), curve.judged(),
                curve.rhAuc(), curve.rhAucCi(), curve.rhAucRaw(), curve.rhAucRawCi(), curve.reason(), curve.points(),
                curve.labelFree());
    }
}
