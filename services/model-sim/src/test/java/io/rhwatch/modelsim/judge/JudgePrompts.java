package io.rhwatch.modelsim.judge;

import java.util.List;

/** Judge prompts laid out as the judge service writes them (docs/ARCHITECTURE.md, "LLM judge"), in its chat template. */
final class JudgePrompts {

    private JudgePrompts() {
    }

    /** On MMHal-Bench's kind of scale. */
    static String rating(String question, String truth, String response) {
        return chat("Rate the response ... the scale lists lines like\n- Rating: 5, no hallucination\n\n"
                + sections(question, truth, response));
    }

    /** On RH-Bench's scale, which the judge service asks for by default. */
    static String rhBenchRating(String question, String truth, String response) {
        return chat("Rate the response on this scale:\n- Rating: 5, no hallucination: …\n"
                + "- Rating: 4, minimal hallucination: a negligible false detail …\n\n" + sections(question, truth, response));
    }

    private static String sections(String question, String truth, String response) {
        return "### Question\n" + question + "\n\n### Standard Human-Generated Answer\n" + truth
                + "\n\n### LMM Response to Evaluate\n" + response;
    }

    static String correctness(String question, List<String> options, String truth, String response) {
        StringBuilder optionLines = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            optionLines.append('(').append((char) ('A' + i)).append(") ").append(options.get(i)).append('\n');
        }
        return chat("Decide whether the response is correct. Reply with Answer:, Verdict:, Reason:\n\n"
                + "### Question\n" + question + "\n\n" + (options.isEmpty() ? "" : "### Options\n" + optionLines + "\n")
                + "### Standard Answer\n" + truth + "\n\n### Response to Evaluate\n" + response);
    }

    private static String chat(String user) {
        return "<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n";
    }
}
