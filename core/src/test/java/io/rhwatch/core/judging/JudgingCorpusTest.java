package io.rhwatch.core.judging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judging corpora: realistic outputs of R1-style and Qwen2.5-VL reasoning models, each with the verdict a careful
 * human grader gives. {@code judging/corpus.jsonl} was written with the rules; the first 168 outputs of
 * {@code judging/heldout.jsonl} were written by someone who had not read them (the {@code b2-}/{@code b3-} ones after),
 * to catch rules that fit only their author's phrasing. The rules must agree with the grader on at least 99% of each;
 * the report lists every disagreement.
 */
class JudgingCorpusTest {

    private static final String CORPUS = "/judging/corpus.jsonl";
    private static final String HELD_OUT = "/judging/heldout.jsonl";
    private static final double REQUIRED_AGREEMENT = 0.99;
    private static final int MINIMUM_CASES = 300;
    private static final int MINIMUM_PER_FAMILY = 3;
    /** The families of mistakes issue 9 lists, and the ordinary cases around them. */
    private static final Set<String> REQUIRED_FAMILIES = Set.of("numeric_form", "number_words", "percent", "scientific",
            "units_exponents", "latex", "final_span", "sentence_numbers", "equation", "yes_no_sentence", "hedge",
            "stated_letter", "option_text_truth", "negation", "refusal", "truncated", "ordinary_multi_choice",
            "ordinary_numeric", "ordinary_yes_no", "ordinary_free_form");

    /**
     * One graded output.
     *
     * @param censored the output hit the answer-length limit; it is judged on the answer it holds all the same
     */
    record Case(String id, String family, String question, QuestionType type, List<String> choices, String groundTruth,
                String output, Verdict verdict, boolean censored) {
    }

    private final AnswerJudge judge = new AnswerJudge();

    @Test
    void agreesWithTheHumanGraderOnTheCorpus() throws IOException {
        assertAgreement(CORPUS);
    }

    @Test
    void agreesWithTheHumanGraderOnTheHeldOutCorpus() throws IOException {
        assertAgreement(HELD_OUT);
    }

    private void assertAgreement(String corpus) throws IOException {
        List<Case> cases = read(corpus);
        List<String> disagreements = new ArrayList<>();
        Map<String, int[]> byFamily = new TreeMap<>();
        for (Case c : cases) {
            Decision decision = judge.judge(c.type(), c.question(), c.output(), c.groundTruth(), c.choices());
            int[] tally = byFamily.computeIfAbsent(c.family(), f -> new int[2]);
            tally[1]++;
            if (decision.verdict() == c.verdict()) {
                tally[0]++;
            } else {
                disagreements.add(String.format(Locale.ROOT, "  %s [%s]: expected %s, got %s, extracted '%s' by %s",
                        c.id(), c.family(), Labels.of(c.verdict()), Labels.of(decision.verdict()),
                        decision.extractedAnswer(), decision.method()));
            }
        }
        double agreement = 1.0 - (double) disagreements.size() / cases.size();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d of %d agree (%.1f%%)%n", corpus, cases.size() - disagreements.size(), cases.size(), 100 * agreement));
        byFamily.forEach((family, t) -> report.append(String.format(Locale.ROOT, "  %-22s %3d/%3d%n", family, t[0], t[1])));
        report.append(disagreements.isEmpty() ? "no disagreements\n" : "disagreements:\n" + String.join("\n", disagreements) + "\n");
        System.out.print(report);

        assertThat(agreement).as(report.toString()).isGreaterThanOrEqualTo(REQUIRED_AGREEMENT);
    }

    @Test
    void coversEveryFamilyWithSeveralCases() throws IOException {
        List<Case> cases = read(CORPUS);
        Map<String, Integer> perFamily = new TreeMap<>();
        cases.forEach(c -> perFamily.merge(c.family(), 1, Integer::sum));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
        assertThat(perFamily.keySet()).containsAll(REQUIRED_FAMILIES);
        REQUIRED_FAMILIES.forEach(family -> assertThat(perFamily.get(family)).as(family).isGreaterThanOrEqualTo(MINIMUM_PER_FAMILY));
        // every verdict is represented, so the corpus is not all edge cases in one direction
        assertThat(cases).extracting(Case::verdict).contains(Verdict.VERDICT_CORRECT, Verdict.VERDICT_INCORRECT,
                Verdict.VERDICT_UNPARSEABLE);
    }

    private static List<Case> read(String corpus) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (InputStream in = JudgingCorpusTest.class.getResourceAsStream(corpus)) {
            assertThat(in).as(corpus + " on the test class path").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                String id = node.path("id").asText();
                assertThat(ids.add(id)).as("line %d: id '%s' is unique", number, id).isTrue();
                cases.add(new Case(id, node.path("family").asText(), node.path("question").asText(),
                        type(node.path("question_type").asText(), id), choices(node.path("choices")),
                        node.path("ground_truth").asText(), node.path("output").asText(),
                        Verdict.valueOf("VERDICT_" + node.path("verdict").asText().toUpperCase(Locale.ROOT)),
                        node.path("censored").asBoolean(false)));
            }
        }
        return cases;
    }

    private static QuestionType type(String label, String id) {
        return label.equals("unspecified") ? QuestionType.QUESTION_TYPE_UNSPECIFIED
                : Labels.questionType(label).orElseThrow(() -> new AssertionError(id + ": question_type " + label));
    }

    private static List<String> choices(JsonNode node) {
        List<String> choices = new ArrayList<>();
        node.forEach(choice -> choices.add(choice.asText()));
        return choices;
    }
}
