package io.rhwatch.e2e;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package of any module depends, through any chain, on a package that depends back on it. Runs here because this
 * module is built after every other one, so every module's compiled classes are on disk.
 */
class PackageCyclesTest {

    @Test
    void noPackageOfAnyModuleIsInACycle() throws IOException {
        List<Path> classDirs = moduleClassDirs();
        assertThat(classDirs).as("compiled main classes of the modules").extracting(dir -> E2e.home().relativize(dir).toString())
                .contains("core/target/classes", "cli/target/classes", "services/ingestion/target/classes",
                        "services/aggregator/target/classes", "services/model-sim/target/classes");
        JavaClasses classes = new ClassFileImporter().importPaths(classDirs);
        assertThat(classes.size()).as("classes imported").isGreaterThan(300);

        SlicesRuleDefinition.slices().matching("io.rhwatch.(**)").should().beFreeOfCycles().check(classes);
    }

    private static List<Path> moduleClassDirs() throws IOException {
        Path home = E2e.home();
        try (Stream<Path> modules = Stream.concat(Files.list(home), Files.list(home.resolve("services")))) {
            return modules.map(module -> module.resolve("target/classes")).filter(Files::isDirectory).sorted().toList();
        }
    }
}
