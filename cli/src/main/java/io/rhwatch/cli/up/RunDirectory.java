package io.rhwatch.cli.up;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A fresh directory per run under .rhwatch/runs/, named by its start time; only the latest few are kept. */
final class RunDirectory {

    static final int KEEP = UpOptions.RUNS_KEPT;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern RUN_NAME = Pattern.compile("\\d{8}-\\d{6}(-\\d+)?");

    private RunDirectory() {
    }

    /** Creates {@code runs/<yyyyMMdd-HHmmss>} (with a suffix when that exists) after removing all but the latest runs. */
    static Path create(Path runs, LocalDateTime now) throws IOException {
        Files.createDirectories(runs);
        prune(runs, KEEP - 1);
        String base = NAME.format(now);
        Path dir = runs.resolve(base);
        for (int suffix = 2; Files.exists(dir); suffix++) {
            dir = runs.resolve(base + "-" + suffix);
        }
        return Files.createDirectories(dir);
    }

    /** Deletes earlier runs so that at most {@code keep} remain; only directories named like a run are touched. */
    static void prune(Path runs, int keep) throws IOException {
        List<Path> all;
        try (Stream<Path> list = Files.list(runs)) {
            all = list.filter(Files::isDirectory)
                    .filter(p -> RUN_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .toList();
        }
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try (Stream<Path> tree = Files.walk(old)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
