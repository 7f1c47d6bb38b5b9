package io.rhwatch.loadtests;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class HotCodeTest {

    @Test
    void chargesTheJdkCodeItCallsToTheCallersLibrary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("burn.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            long sink = burnInTreeMaps(3_000);
            recording.stop();
            recording.dump(file);
            assertThat(sink).isNotZero();
        }

        HotCode hot = HotCode.of(file, 5);

        assertThat(hot.samples()).as("execution samples in 3 s at 10 ms").isGreaterThan(20);
        // the CPU is mostly inside TreeMap, the JDK's, called from this class: it is charged to rhwatch, not to the JDK
        assertThat(hot.libraries().get(0).name()).isEqualTo("rhwatch");
        assertThat(hot.libraries().get(0).share()).isGreaterThan(0.8);
        assertThat(hot.methods()).extracting(HotCode.Share::name).anyMatch(name -> name.startsWith("TreeMap."));
        assertThat(hot.methods().stream().mapToDouble(HotCode.Share::share).sum()).isLessThanOrEqualTo(1.0 + 1e-9);
    }

    private static long burnInTreeMaps(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        long sink = 0;
        while (System.nanoTime() < until) {
            TreeMap<Integer, Integer> map = new TreeMap<>();
            for (int i = 0; i < 10_000; i++) {
                map.put((i * 7919) % 10_007, i);
            }
            sink += map.firstKey() + map.size();
        }
        return sink;
    }
}
