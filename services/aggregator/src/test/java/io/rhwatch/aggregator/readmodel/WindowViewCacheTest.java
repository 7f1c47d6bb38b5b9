package io.rhwatch.aggregator.readmodel;

import io.rhwatch.proto.v1.ModelTally;
import io.rhwatch.proto.v1.ModelWindow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class WindowViewCacheTest {

    private final WindowViewCache cache = new WindowViewCache();
    private final AtomicInteger computed = new AtomicInteger();
    private final Function<ModelWindow, WindowsView.Window> compute = window -> {
        computed.incrementAndGet();
        return new WindowsView.Window(window.getStartMs(), window.getEndMs(), window.getTally().getJudged(), null, null,
                null, null, "no judgments", List.of(), null);
    };

    @Test
    void computesAWindowsViewOncePerPublishedVersion() {
        ModelWindow first = window(0, 60_000, 10);

        cache.view("a", first, compute);
        cache.view("a", first, compute);
        assertThat(computed).hasValue(1);

        cache.view("a", window(0, 60_000, 11), compute);
        assertThat(computed).as("a newer version of the window").hasValue(2);
    }

    @Test
    void forgetsWindowsPastTheRetention() {
        cache.view("old", window(0, 60_000, 1), compute);
        cache.view("edge", window(60_000, 120_000, 1), compute);
        cache.view("new", window(120_000, 180_000, 1), compute);

        cache.forgetEndedBefore(120_000);

        assertThat(cache.size()).as("the window that ended before the oldest end kept is gone").isEqualTo(2);
        cache.view("edge", window(60_000, 120_000, 1), compute);
        assertThat(computed).as("a kept window is still served from the cache").hasValue(3);
    }

    /** A window as published after {@code judged} judgments: each judgment publishes a new version of it. */
    private static ModelWindow window(long startMs, long endMs, long judged) {
        return ModelWindow.newBuilder().setModel("m").setStartMs(startMs).setEndMs(endMs).setSizeMs(endMs - startMs)
                .setTally(ModelTally.newBuilder().setModel("m").setJudged(judged)).build();
    }
}
