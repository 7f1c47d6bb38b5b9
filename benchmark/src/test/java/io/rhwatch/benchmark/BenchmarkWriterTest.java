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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        GenerateBenchmark.main(new String[] {"--out", first.toString(), "--samples", "30", "--seed", "11"});
        GenerateBenchmark.main(new String[] {"--out", second.toString(), "--samples", "30", "--seed", "11"});

        List<Path> files = list(first);
        assertThat(files).hasSize(31);
        assertThat(list(second)).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void optionsNameTheBadFlag() {
        assertThatThrownBy(() -> GenerateBenchmark.Options.parse(new String[] {"--samples", "10"})).hasMessage("--out is required");
        assertThatThrownBy(() -> GenerateBenchmark.Options.parse(new String[] {"--out", "x", "--samples", "ten"}))
                .hasMessage("--samples must be a whole number, got 'ten'");
        assertThatThrownBy(() -> GenerateBenchmark.Options.parse(new String[] {"--out", "x", "--samples", "0"}))
                .hasMessage("--samples must be between 1 and 100000, got 0");
        assertThatThrownBy(() -> GenerateBenchmark.Options.parse(new String[] {"--out"})).hasMessage("--out needs a value");
        assertThatThrownBy(() -> GenerateBenchmark.Options.parse(new String[] {"--size", "3"})).hasMessage("unknown option --size");
        assertThat(GenerateBenchmark.Options.parse(new String[] {"--out", "x"}))
                .isEqualTo(new GenerateBenchmark.Options(Path.of("x"), 200, 7));
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
