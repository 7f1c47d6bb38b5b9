package io.rhwatch.core.judging;

import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judging corpus in judging-corpus.txt (long reasoning with numbers in it, several candidate
 * letters, every answer marker, refusals, truncated outputs), together with {@link AnswerJudgeTest}'s.
 */
class JudgingCorpusTest {

    private static final String CORPUS = "/judging-corpus.txt";

    record Case(String name, QuestionType type, String groundTruth, List<String> choices, Verdict verdict,
                String extracted, String method, String output) {
    }

    private final AnswerJudge judge = new AnswerJudge();

    static Stream<Arguments> corpus() throws IOException {
        return read().stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void judgesTheCorpus(String name, Case c) {
        Decision decision = judge.judge(c.type(), c.output(), c.groundTruth(), c.choices());

        assertThat(decision).as(name).isEqualTo(new Decision(c.verdict(), c.extracted(), c.method()));
    }

    @Test
    void bothCorporaTogetherHoldAtLeast150Outputs() throws IOException {
        assertThat(read().size() + AnswerJudgeTest.corpus().count()).isGreaterThanOrEqualTo(150);
    }

    private static List<Case> read() throws IOException {
        String text;
        try (InputStream in = JudgingCorpusTest.class.getResourceAsStream(CORPUS)) {
            assertThat(in).as(CORPUS + " on the test class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> cases = new ArrayList<>();
        for (String block : text.split("\n=== ")) {
            if (block.startsWith("#")) {
                continue;
            }
            int outputAt = block.indexOf("\noutput:\n");
            String[] header = block.substring(0, outputAt).split("\n");
            String output = block.substring(outputAt + "\noutput:\n".length());
            output = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < header.length; i++) {
                int colon = header[i].indexOf(": ");
                fields.put(colon < 0 ? header[i].replace(":", "") : header[i].substring(0, colon),
                        colon < 0 ? "" : header[i].substring(colon + 2));
            }
            String type = fields.get("question_type");
            String choices = fields.getOrDefault("choices", "");
            cases.add(new Case(header[0],
                    type.equals("unspecified") ? QuestionType.QUESTION_TYPE_UNSPECIFIED
                            : Labels.questionType(type).orElseThrow(() -> new AssertionError(header[0] + ": question_type " + type)),
                    fields.get("ground_truth"),
                    choices.isEmpty() ? List.of() : Arrays.asList(choices.split(" \\| ")),
                    Verdict.valueOf("VERDICT_" + fields.get("verdict").toUpperCase()),
                    fields.getOrDefault("extracted", ""),
                    fields.get("method"),
                    output));
        }
        return cases;
    }
}
