package io.rhwatch.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository under test: its root (system property rhwatch.root, set by the pom) and its service modules. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("rhwatch.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("services"))) {
            throw new IllegalStateException(root + " is not the rhwatch repository (it has no services/); "
                    + "run the tests through deploy-check/pom.xml or set -Drhwatch.root");
        }
        return root;
    }

    /** Every module under services/ (a directory with a pom.xml), by name. */
    static List<ServiceModule> services() {
        try (Stream<Path> dirs = Files.list(root().resolve("services"))) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .sorted()
                    .map(ServiceModule::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
