package io.rhwatch.cli.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ServiceProcessTest {

    @TempDir
    Path dir;

    @Test
    void aChildLeadsItsOwnProcessGroupSoATerminalsCtrlCReachesOnlyTheCli() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) && Files.isReadable(Path.of("/proc/self/stat")),
                "needs util-linux's setsid and /proc");
        Path log = dir.resolve("child.log");
        // Field 5 of /proc/PID/stat is the process group; $$ is the shell itself.
        ServiceProcess child = ServiceProcess.start(new Launch("child", List.of("sh", "-c", "cut -d' ' -f5 /proc/$$/stat"),
                Map.of(), dir, log, Launch.NO_HTTP));

        assertThat(child.waitFor(Duration.ofSeconds(30))).as("the child exited").isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(log).strip()).as("the child's process group").isEqualTo(String.valueOf(child.pid()));
        assertThat(child.pid()).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void tailKeepsTheLastLines() throws Exception {
        Path file = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\n");

        assertThat(ServiceProcess.tail(file, 2)).isEqualTo("two" + System.lineSeparator() + "three");
        assertThat(ServiceProcess.tail(dir.resolve("missing.log"), 2)).isEqualTo("(no log at " + dir.resolve("missing.log") + ")");
    }
}
