package io.rhwatch.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesJsonLinesAndImagesInTheImportLayout() throws IOException {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(40, 7);
        Path jsonl = BenchmarkWriter.write(dir, samples);

        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(40);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            BenchmarkSample sample = samples.get(i);
            JsonNode node = json.readTree(lines.get(i));
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            if (sample.choices().isEmpty()) {
                assertThat(fields).containsExactly("id", "task", "question_type", "question", "answer", "image");
            } else {
                assertThat(fields).containsExactly("id", "task", "question_type", "question", "choices", "answer", "image");
                assertThat(node.get("choices")).hasSize(sample.choices().size());
            }
            assertThat(node.get("id").asText()).isEqualTo(sample.id());
            assertThat(node.get("answer").asText()).isEqualTo(sample.answer());
            assertThat(node.get("image").asText()).isEqualTo("images/" + sample.id() + ".png");
            assertThat(Files.readAllBytes(dir.resolve(node.get("image").asText()))).isEqualTo(sample.png());
        }
    }

    @Test
    void sameArgumentsWriteByteIdenticalFiles() throws IOException {
        Path first = BenchmarkWriter.write(dir.resolve("first"), BenchmarkGenerator.generate(30, 11)).getParent();
        Path second = BenchmarkWriter.write(dir.resolve("second"), BenchmarkGenerator.generate(30, 11)).getParent();

        List<Path> files = list(first);
        assertThat(files).hasSize(31);
        assertThat(list(second)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
