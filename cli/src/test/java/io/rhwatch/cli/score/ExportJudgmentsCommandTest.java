package io.rhwatch.cli.score;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Exporting from a broker that is not there; the export from a real mesh is tested in e2e (MeshEndToEndTest). */
class ExportJudgmentsCommandTest {

    @TempDir
    Path dir;

    @Test
    void noBrokerFailsNamingItAndLeavesAnEarlierFileAsItWas() throws IOException {
        Path file = dir.resolve("judgments.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String nobody = "localhost:" + freePort();

        int status = new ExportJudgmentsCommand(new ExportOptions(nobody, file, Duration.ofSeconds(2)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run();

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rhwatch export-judgments: no Kafka broker answered on " + nobody);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("{\"earlier\":true}\n");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial file left behind").containsExactly(file);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
