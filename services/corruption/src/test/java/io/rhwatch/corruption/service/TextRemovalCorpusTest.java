package io.rhwatch.corruption.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * text_removal over {@code text_removal/corpus.jsonl}: questions as benchmarks write them (MathVista hints, POPE,
 * LLaVA, MMMU, the synthetic benchmark, instructions that state the problem, numbers in words), each with what the
 * model must be left with. Every one must come out exactly as expected, and no expected output may keep a number that
 * is not an option's.
 */
class TextRemovalCorpusTest {

    private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\b(?:two|three|four|five|six|seven|eight|nine|"
            + "ten|eleven|twelve|fourteen|twenty|thirty|hundred|half)\\b|\\d");

    @Test
    void everyQuestionLosesItsProblemStatementAndNumbersAndKeepsItsInstruction() throws IOException {
        List<JsonNode> cases = corpus();
        assertThat(cases).as("a corpus of realistic questions").hasSizeGreaterThanOrEqualTo(40);
        List<String> disagreements = new ArrayList<>();
        for (JsonNode c : cases) {
            String stripped = TextRemoval.strip(c.get("question").asText());
            if (!stripped.equals(c.get("expected").asText())) {
                disagreements.add(c.get("id").asText() + ": expected <" + c.get("expected").asText() + "> but was <" + stripped + ">");
            }
            String instructions = stripped.lines().filter(line -> !line.matches("^\\(?[A-H][).:].*|^Choices:$"))
                    .reduce("", String::concat);
            assertThat(NUMBER_WORD.matcher(instructions).find()).as("%s keeps a number: %s", c.get("id").asText(), stripped)
                    .isFalse();
        }
        assertThat(disagreements).as("disagreements with the corpus").isEmpty();
    }

    private static List<JsonNode> corpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> cases = new ArrayList<>();
        try (InputStream in = TextRemovalCorpusTest.class.getResourceAsStream("/text_removal/corpus.jsonl");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    cases.add(json.readTree(line));
                }
            }
        }
        return cases;
    }
}
