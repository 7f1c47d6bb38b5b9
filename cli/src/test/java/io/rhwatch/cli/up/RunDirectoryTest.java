package io.rhwatch.cli.up;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RunDirectoryTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2026, 3, 14, 12, 0, 5);

    @TempDir
    Path runs;

    @Test
    void namesTheRunByItsStartTimeAndNeverReusesADirectory() throws IOException {
        Path first = RunDirectory.create(runs, NOON);
        Path second = RunDirectory.create(runs, NOON);

        assertThat(first).isEqualTo(runs.resolve("20260314-120005")).isDirectory();
        assertThat(second).isEqualTo(runs.resolve("20260314-120005-2")).isDirectory();
    }

    @Test
    void keepsOnlyTheLatestRunsAndLeavesOtherDirectoriesAlone() throws IOException {
        for (int minute = 0; minute < 12; minute++) {
            Path run = RunDirectory.create(runs, NOON.withMinute(minute));
            Files.writeString(Files.createDirectories(run.resolve("logs")).resolve("kafka.log"), "log");
        }
        Path unrelated = Files.createDirectories(runs.resolve("keep-me"));

        Path latest = RunDirectory.create(runs, NOON.withMinute(30));

        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "20260314-120305", "20260314-120405", "20260314-120505", "20260314-120605", "20260314-120705",
                    "20260314-120805", "20260314-120905", "20260314-121005", "20260314-121105", "20260314-123005", "keep-me");
        }
        assertThat(latest).isDirectory();
        assertThat(unrelated).isDirectory();
    }
}
