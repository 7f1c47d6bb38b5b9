package io.rhwatch.modelsim.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated judge reads out of a judge prompt (docs/ARCHITECTURE.md, "LLM judge"): which of the two prompts
 * it is, and the text under its {@code ### } section headers. The response to evaluate is the last section and runs to
 * the end of the user's turn ({@code <|im_end|>}) or of the prompt, so whatever the response itself contains cannot
 * move the sections before it.
 *
 * @param kind        the hallucination rating or the correctness verdict
 * @param scale       the rating's scale, RH-Bench's when the prompt lists its "minimal hallucination" level
 * @param question    the question the model was asked
 * @param options     the options of a multiple-choice question, as written in the prompt; empty otherwise
 * @param groundTruth the standard answer
 * @param response    the model's response to evaluate
 */
public record JudgePrompt(Kind kind, Scale scale, String question, List<String> options, String groundTruth, String response) {

    public enum Kind {
        HALLUCINATION_RATING,
        CORRECTNESS
    }

    /** The rating scales of the judge service's rubrics; both count a rating above 2 as not hallucinated. */
    public enum Scale {
        /** 5 no, 4 minimal, 3 mild, 2 moderate, 1 severe, 0 extreme hallucination. */
        RH_BENCH,
        /** 5–3 no hallucination (fully, in part, not informative), 2 slight, 1 clear, 0 extreme. */
        MMHAL
    }

    static final String RH_BENCH_LEVEL = "Rating: 4, minimal hallucination";
    static final String QUESTION = "### Question";
    static final String OPTIONS = "### Options";
    static final String RATING_TRUTH = "### Standard Human-Generated Answer";
    static final String RATING_RESPONSE = "### LMM Response to Evaluate";
    static final String CORRECTNESS_TRUTH = "### Standard Answer";
    static final String CORRECTNESS_RESPONSE = "### Response to Evaluate";
    private static final String TURN_END = "<|im_end|>";

    public JudgePrompt {
        options = List.copyOf(options);
    }

    public static JudgePrompt parse(String prompt) {
        boolean rating = header(prompt, RATING_RESPONSE, 0) >= 0;
        Kind kind = rating ? Kind.HALLUCINATION_RATING : Kind.CORRECTNESS;
        String truthHeader = rating ? RATING_TRUTH : CORRECTNESS_TRUTH;
        String responseHeader = rating ? RATING_RESPONSE : CORRECTNESS_RESPONSE;

        int question = require(prompt, QUESTION, 0);
        int truth = require(prompt, truthHeader, question);
        int response = require(prompt, responseHeader, truth);
        int options = header(prompt, OPTIONS, question);
        boolean hasOptions = options >= 0 && options < truth;

        String questionText = between(prompt, question, QUESTION, hasOptions ? options : truth);
        List<String> optionLines = hasOptions ? lines(between(prompt, options, OPTIONS, truth)) : List.of();
        String truthText = between(prompt, truth, truthHeader, response);
        int end = prompt.lastIndexOf(TURN_END);
        String responseText = between(prompt, response, responseHeader, end > response ? end : prompt.length());
        if (truthText.isEmpty()) {
            throw new UnreadableJudgePromptException("judge prompt: the section '" + truthHeader + "' is empty");
        }
        Scale scale = prompt.substring(0, question).contains(RH_BENCH_LEVEL) ? Scale.RH_BENCH : Scale.MMHAL;
        return new JudgePrompt(kind, scale, questionText, optionLines, truthText, responseText);
    }

    /** Where a header line starts, at or after {@code from}; -1 if there is none. */
    private static int header(String prompt, String header, int from) {
        for (int at = prompt.indexOf(header, from); at >= 0; at = prompt.indexOf(header, at + 1)) {
            boolean lineStart = at == 0 || prompt.charAt(at - 1) == '\n';
            int after = at + header.length();
            boolean lineEnd = after == prompt.length() || prompt.charAt(after) == '\n' || prompt.charAt(after) == '\r';
            if (lineStart && lineEnd) {
                return at;
            }
        }
        return -1;
    }

    private static int require(String prompt, String header, int from) {
        int at = header(prompt, header, from);
        if (at < 0) {
            throw new UnreadableJudgePromptException("judge prompt: no line '" + header + "'"
                    + (from > 0 ? " after the sections before it" : "") + "; see docs/ARCHITECTURE.md, \"LLM judge\"");
        }
        return at;
    }

    private static String between(String prompt, int headerAt, String header, int end) {
        return prompt.substring(headerAt + header.length(), end).strip();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
