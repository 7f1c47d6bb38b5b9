package io.rhwatch.cli.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhwatch.core.Labels;
import io.rhwatch.core.judging.AnswerJudge;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.proto.v1.Verdict;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSONL records ↔ judgments, for {@code rhwatch score} and {@code rhwatch export-judgments}.
 * <p>
 * A line is either a judged record, {@code {"model","budget","task","correct","corruption"?}}
 * (optionally {@code model_version}, {@code verdict}, {@code censored}, {@code sample_id}, {@code extracted_answer}, so
 * censoring and answer invariance can be scored too, {@code reasoning_tokens} and {@code traffic_mode}
 * ({@code active}|{@code passive}), so the label-free signals are scored as the aggregator scores them, and
 * {@code judged_at_ms}, so an exported run keeps its time), or a raw record,
 * {@code {"model","budget","task","question","question_type","answer","output","corruption"?}}
 * (optionally {@code choices}, {@code censored}, {@code sample_id}), judged here with the judge
 * service's rules ({@link AnswerJudge}). A record without {@code corruption} is a clean probe.
 */
public final class JudgmentRecords {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<TrafficMode, String> TRAFFIC_MODES = Map.of(
            TrafficMode.TRAFFIC_MODE_ACTIVE, "active", TrafficMode.TRAFFIC_MODE_PASSIVE, "passive");

    private JudgmentRecords() {
    }

    /** @throws RecordException naming the line and the field for the first record that cannot be read */
    public static List<Judgment> read(Path file, AnswerJudge judge) throws IOException, RecordException {
        List<Judgment> judgments = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    judgments.add(parse(line, judge));
                } catch (IllegalArgumentException e) {
                    throw new RecordException(file + ":" + number + ": " + e.getMessage());
                }
            }
        }
        return judgments;
    }

    static Judgment parse(String line, AnswerJudge judge) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        SampleRef.Builder sample = SampleRef.newBuilder()
                .setTask(Labels.task(requiredText(node, "task")).orElseThrow(() -> new IllegalArgumentException(
                        "task: must be one of " + Labels.accepted(Task.values()) + ", got '" + node.get("task").asText() + "'")))
                .setSampleId(optionalText(node, "sample_id"))
                .setEpoch(node.path("epoch").asInt(0));
        Judgment.Builder judgment = Judgment.newBuilder()
                .setModel(requiredText(node, "model"))
                .setModelVersion(optionalText(node, "model_version"))
                .setBudget(budget(node))
                .setCorruption(corruption(node))
                .setJudgmentId(optionalText(node, "judgment_id"))
                .setCensored(node.path("censored").asBoolean(false))
                .setReasoningTokens(node.path("reasoning_tokens").asInt(0))
                .setTrafficMode(trafficMode(node))
                .setJudgedAtMs(judgedAt(node));
        if (node.has("correct") || node.has("verdict")) {
            Verdict verdict = verdict(node);
            return judgment.setSample(sample.setGroundTruth(optionalText(node, "ground_truth")))
                    .setVerdict(verdict)
                    .setExtractedAnswer(optionalText(node, "extracted_answer"))
                    .setMethod(optionalText(node, "method"))
                    .build();
        }
        if (!node.has("output")) {
            throw new IllegalArgumentException("neither 'correct' (a judged record) nor 'output' (a raw record to judge)");
        }
        QuestionType type = Labels.questionType(requiredText(node, "question_type")).orElseThrow(() -> new IllegalArgumentException(
                "question_type: must be one of " + Labels.accepted(QuestionType.values()) + ", got '"
                        + node.get("question_type").asText() + "'"));
        String answer = requiredText(node, "answer");
        List<String> choices = new ArrayList<>();
        node.path("choices").forEach(choice -> choices.add(choice.asText()));
        Decision decision = judge.judge(type, optionalText(node, "question"), node.get("output").asText(), answer, choices);
        return judgment.setSample(sample.setQuestionType(type).addAllChoices(choices).setGroundTruth(answer))
                .setQuestion(optionalText(node, "question"))
                .setOutput(node.get("output").asText())
                .setVerdict(decision.verdict())
                .setExtractedAnswer(decision.extractedAnswer())
                .setMethod(decision.method())
                .build();
    }

    /** Writes one judged record per line ({@link #toLine}), the file {@link #read} and {@code rhwatch score} read. */
    public static void write(Path file, Iterable<Judgment> judgments) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Judgment judgment : judgments) {
                writer.write(toLine(judgment));
                writer.newLine();
            }
        }
    }

    /** {@link #toRecord} as one line of JSON. */
    public static String toLine(Judgment judgment) {
        try {
            return MAPPER.writeValueAsString(toRecord(judgment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings, numbers and booleans could not be written", e);
        }
    }

    /** The judged record {@link #parse} reads back to the same counts, pairs and verdict. */
    public static ObjectNode toRecord(Judgment judgment) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("model", judgment.getModel());
        if (!judgment.getModelVersion().isEmpty()) {
            node.put("model_version", judgment.getModelVersion());
        }
        node.put("budget", judgment.getBudget());
        node.put("task", Labels.of(judgment.getSample().getTask()));
        node.put("corruption", Labels.of(judgment.getCorruption()));
        node.put("correct", judgment.getVerdict() == Verdict.VERDICT_CORRECT);
        node.put("verdict", Labels.of(judgment.getVerdict()));
        node.put("censored", judgment.getCensored());
        node.put("sample_id", judgment.getSample().getSampleId());
        node.put("epoch", judgment.getSample().getEpoch());
        node.put("judgment_id", judgment.getJudgmentId());
        node.put("extracted_answer", judgment.getExtractedAnswer());
        node.put("ground_truth", judgment.getSample().getGroundTruth());
        node.put("method", judgment.getMethod());
        node.put("judged_at_ms", judgment.getJudgedAtMs());
        // the label-free RH-AUC's x axis, and what keeps passive traffic out of the probed cells
        node.put("reasoning_tokens", judgment.getReasoningTokens());
        if (judgment.getTrafficMode() != TrafficMode.TRAFFIC_MODE_UNSPECIFIED) {
            node.put("traffic_mode", TRAFFIC_MODES.get(judgment.getTrafficMode()));
        }
        return node;
    }

    private static TrafficMode trafficMode(JsonNode node) {
        if (!node.hasNonNull("traffic_mode")) {
            return TrafficMode.TRAFFIC_MODE_UNSPECIFIED;
        }
        String label = node.get("traffic_mode").asText();
        return TRAFFIC_MODES.entrySet().stream().filter(e -> e.getValue().equals(label)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("traffic_mode: must be one of " + String.join(", ", TRAFFIC_MODES.values())
                        + ", got '" + label + "'"));
    }

    private static Verdict verdict(JsonNode node) {
        if (node.hasNonNull("verdict")) {
            String label = node.get("verdict").asText();
            for (Verdict verdict : List.of(Verdict.VERDICT_CORRECT, Verdict.VERDICT_INCORRECT, Verdict.VERDICT_UNPARSEABLE)) {
                if (Labels.of(verdict).equalsIgnoreCase(label.trim())) {
                    return verdict;
                }
            }
            throw new IllegalArgumentException("verdict: must be correct, incorrect or unparseable, got '" + label + "'");
        }
        JsonNode correct = node.get("correct");
        if (!correct.isBoolean()) {
            throw new IllegalArgumentException("correct: must be true or false, got " + correct);
        }
        return correct.asBoolean() ? Verdict.VERDICT_CORRECT : Verdict.VERDICT_INCORRECT;
    }

    private static long judgedAt(JsonNode node) {
        JsonNode millis = node.get("judged_at_ms");
        if (millis == null || millis.isNull()) {
            return 0;
        }
        if (!millis.isIntegralNumber() || !millis.canConvertToLong() || millis.asLong() < 0) {
            throw new IllegalArgumentException("judged_at_ms: must be milliseconds since the epoch, 0 or more, got " + millis);
        }
        return millis.asLong();
    }

    private static int budget(JsonNode node) {
        JsonNode budget = node.get("budget");
        if (budget == null || !budget.canConvertToInt() || !budget.isIntegralNumber() || budget.asInt() < 0) {
            throw new IllegalArgumentException("budget: must be a whole number of thinking tokens, 0 or more, got "
                    + (budget == null ? "nothing" : budget.toString()));
        }
        return budget.asInt();
    }

    private static Corruption corruption(JsonNode node) {
        if (!node.hasNonNull("corruption")) {
            return Corruption.CORRUPTION_NONE;
        }
        String label = node.get("corruption").asText();
        return Labels.corruption(label).orElseThrow(() -> new IllegalArgumentException(
                "corruption: must be one of " + Labels.accepted(Corruption.values()) + ", got '" + label + "'"));
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": missing or empty");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A record that cannot be scored; the message names the file, the line and the field. */
    public static final class RecordException extends Exception {
        public RecordException(String message) {
            super(message);
        }
    }
}
