package io.rhwatch.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the RH-Bench-like layout the ingestion service imports: {@code samples.jsonl}, one JSON object per line
 * ({@code id, task, question_type, question, choices?, answer, image}), and the images under {@code images/}.
 */
public final class BenchmarkWriter {

    public static final String SAMPLES_FILE = "samples.jsonl";
    public static final String IMAGES_DIR = "images";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchmarkWriter() {
    }

    /** @return the path of the written {@code samples.jsonl} */
    public static Path write(Path dir, List<BenchmarkSample> samples) throws IOException {
        Path images = Files.createDirectories(dir.resolve(IMAGES_DIR));
        Path jsonl = dir.resolve(SAMPLES_FILE);
        try (Writer out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
            for (BenchmarkSample sample : samples) {
                String image = IMAGES_DIR + "/" + sample.id() + ".png";
                Files.write(images.resolve(sample.id() + ".png"), sample.png());
                out.write(JSON.writeValueAsString(line(sample, image)));
                out.write('\n');
            }
        }
        return jsonl;
    }

    /** The sample as a JSON record of the samples API; {@code image} is a path (datasets) or base64 (POST /v1/samples). */
    public static ObjectNode line(BenchmarkSample sample, String image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", sample.id());
        node.put("task", sample.task());
        node.put("question_type", sample.questionType());
        node.put("question", sample.question());
        if (!sample.choices().isEmpty()) {
            sample.choices().forEach(node.putArray("choices")::add);
        }
        node.put("answer", sample.answer());
        node.put("image", image);
        return node;
    }
}
