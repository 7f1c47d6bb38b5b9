package io.rhwatch.deploycheck;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfilesTest {

    @Test
    void everyServiceHasAJvmDockerfileExposingItsPorts() {
        List<String> problems = new ArrayList<>();
        for (ServiceModule module : Repository.services()) {
            Path dockerfile = module.dir().resolve(ComposeChecks.DOCKERFILE);
            if (!Files.isRegularFile(dockerfile)) {
                problems.add(module.path() + " has no " + ComposeChecks.DOCKERFILE);
                continue;
            }
            problems.addAll(DockerfileChecks.problems(module, Repository.read(dockerfile)));
        }
        assertThat(problems).isEmpty();
    }
}
